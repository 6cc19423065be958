#pragma once
// A loopback (127.0.0.1) SMTP server for the e-mail channel's tests: just enough of RFC 5321
// (greeting, EHLO/HELO, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to accept
// what libcurl sends, record it, and refuse what a test scripts. One connection at a time,
// blocking sockets with poll() timeouts, so every wait is bounded.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace polycopy::notify::testing {

struct SmtpSinkOptions {
  bool greet = true;                        // false: accept connections and never say a word
  bool advertise_auth = false;              // EHLO lists "AUTH PLAIN LOGIN"
  std::string rcpt_reply = "250 2.1.5 OK";  // e.g. "550 5.1.1 no such user"
};

// What one connection carried.
struct SmtpSession {
  std::string ehlo;  // the EHLO/HELO argument
  std::string auth_mechanism, auth_user, auth_password;
  std::string mail_from;              // without the angle brackets
  std::vector<std::string> rcpt_to;   // without the angle brackets
  std::string data;                   // the message, dot-unstuffed, CRLF line endings
  std::vector<std::string> commands;  // every line received, as is
  bool quit = false;
};

class SmtpSink {
 public:
  explicit SmtpSink(SmtpSinkOptions options = {});
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const;  // smtp://127.0.0.1:<port>
  std::vector<SmtpSession> sessions() const;

 private:
  void accept_loop();
  void serve(int fd);
  bool read_line(int fd, std::string& buffer, std::string& line);
  void update(std::size_t index, const SmtpSession& session);

  SmtpSinkOptions options_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<SmtpSession> sessions_;
  std::thread thread_;
};

}  // namespace polycopy::notify::testing
