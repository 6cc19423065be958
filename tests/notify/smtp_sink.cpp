#include "notify/smtp_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace polycopy::notify::testing {
namespace {

bool readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, timeout_ms) > 0;
}

void reply(int fd, const std::string& text) {
  const std::string bytes = text + "\r\n";
  (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  });
  return text;
}

std::string decode_base64(const std::string& text) {
  if (text.empty()) return {};
  std::string out(text.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return {};
  // EVP_DecodeBlock counts the bytes '=' padding stands for: drop them.
  std::size_t size = static_cast<std::size_t>(n);
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) --size;
  out.resize(size);
  return out;
}

// "<a@b> SIZE=12" -> "a@b"
std::string address_of(const std::string& argument) {
  const auto open = argument.find('<');
  const auto close = argument.find('>', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return argument;
  return argument.substr(open + 1, close - open - 1);
}

// "\0user\0password" (AUTH PLAIN's message)
void read_plain(const std::string& decoded, SmtpSession& session) {
  const auto first = decoded.find('\0');
  const auto second = decoded.find('\0', first + 1);
  if (first == std::string::npos || second == std::string::npos) return;
  session.auth_user = decoded.substr(first + 1, second - first - 1);
  session.auth_password = decoded.substr(second + 1);
}

}  // namespace

SmtpSink::SmtpSink(SmtpSinkOptions options) : options_(std::move(options)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 8) != 0)
    throw std::runtime_error("bind/listen failed");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { accept_loop(); });
}

SmtpSink::~SmtpSink() {
  stopping_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::string SmtpSink::url() const {
  return "smtp://127.0.0.1:" + std::to_string(port_);
}

std::vector<SmtpSession> SmtpSink::sessions() const {
  std::lock_guard lock(mutex_);
  return sessions_;
}

void SmtpSink::update(std::size_t index, const SmtpSession& session) {
  std::lock_guard lock(mutex_);
  sessions_[index] = session;
}

void SmtpSink::accept_loop() {
  while (!stopping_) {
    if (!readable(listen_fd_, 20)) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    serve(fd);
    ::close(fd);
  }
}

// One line without its CRLF; false when the client closed or the sink stops.
bool SmtpSink::read_line(int fd, std::string& buffer, std::string& line) {
  char chunk[4096];
  while (!stopping_) {
    const auto end = buffer.find("\r\n");
    if (end != std::string::npos) {
      line = buffer.substr(0, end);
      buffer.erase(0, end + 2);
      return true;
    }
    if (!readable(fd, 20)) continue;
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  return false;
}

void SmtpSink::serve(int fd) {
  std::size_t index = 0;
  {
    std::lock_guard lock(mutex_);
    index = sessions_.size();
    sessions_.emplace_back();
  }
  SmtpSession session;
  std::string buffer, line;
  if (!options_.greet) {  // hold the connection open, silent, until the client gives up
    while (read_line(fd, buffer, line)) session.commands.push_back(line);
    update(index, session);
    return;
  }
  reply(fd, "220 sink.test ESMTP ready");
  while (read_line(fd, buffer, line)) {
    session.commands.push_back(line);
    const std::string verb = upper(line.substr(0, line.find(' ')));
    const std::string argument =
        line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
    if (verb == "EHLO") {
      session.ehlo = argument;
      if (options_.advertise_auth) {
        reply(fd, "250-sink.test");
        reply(fd, "250 AUTH PLAIN LOGIN");
      } else {
        reply(fd, "250 sink.test");
      }
    } else if (verb == "HELO") {
      session.ehlo = argument;
      reply(fd, "250 sink.test");
    } else if (verb == "AUTH" && options_.advertise_auth) {
      const std::string mechanism = upper(argument.substr(0, argument.find(' ')));
      const std::string initial =
          argument.find(' ') == std::string::npos ? "" : argument.substr(argument.find(' ') + 1);
      session.auth_mechanism = mechanism;
      if (mechanism == "PLAIN") {
        std::string response = initial;
        if (response.empty()) {
          reply(fd, "334 ");
          if (!read_line(fd, buffer, response)) break;
        }
        read_plain(decode_base64(response), session);
        reply(fd, "235 2.7.0 Authentication successful");
      } else if (mechanism == "LOGIN") {
        std::string user = initial, password;
        if (user.empty()) {
          reply(fd, "334 VXNlcm5hbWU6");
          if (!read_line(fd, buffer, user)) break;
        }
        reply(fd, "334 UGFzc3dvcmQ6");
        if (!read_line(fd, buffer, password)) break;
        session.auth_user = decode_base64(user);
        session.auth_password = decode_base64(password);
        reply(fd, "235 2.7.0 Authentication successful");
      } else {
        reply(fd, "504 5.5.4 mechanism not supported");
      }
    } else if (verb.starts_with("MAIL")) {
      session.mail_from = address_of(argument);
      reply(fd, "250 2.1.0 OK");
    } else if (verb.starts_with("RCPT")) {
      session.rcpt_to.push_back(address_of(argument));
      reply(fd, options_.rcpt_reply);
    } else if (verb == "DATA") {
      reply(fd, "354 End data with <CR><LF>.<CR><LF>");
      std::string data;
      bool complete = false;
      while (read_line(fd, buffer, line)) {
        if (line == ".") {
          complete = true;
          break;
        }
        if (line.starts_with("..")) line.erase(0, 1);  // dot-stuffing undone
        data += line + "\r\n";
      }
      session.data = data;
      update(index, session);  // recorded before the client hears it was accepted
      if (!complete) break;
      reply(fd, "250 2.0.0 OK queued");
    } else if (verb == "RSET" || verb == "NOOP") {
      reply(fd, "250 2.0.0 OK");
    } else if (verb == "QUIT") {
      session.quit = true;
      update(index, session);
      reply(fd, "221 2.0.0 Bye");
      break;
    } else {
      reply(fd, "502 5.5.2 command not recognized");
    }
    update(index, session);
  }
  update(index, session);
}

}  // namespace polycopy::notify::testing
