#pragma once
// Throwaway TLS material and loopback TLS servers for the wss:// and HTTPS tests. Keys and
// certificates are made at test time with the OpenSSL C API (EC P-256, valid for a day) and
// written only to a temporary directory that is removed afterwards: nothing is committed.
// The servers listen on 127.0.0.1 only, run one io thread each, and every wait is bounded.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace polycopy::net::testing {

struct TlsIdentity {
  std::string ca_pem;    // the CA that signed the certificate (what a client must trust)
  std::string cert_pem;  // the server's certificate
  std::string key_pem;   // the server's private key
};

// A fresh CA named `ca_name` and a server certificate it signs, whose subjectAltName is
// `san` in OpenSSL's syntax, e.g. "IP:127.0.0.1,DNS:localhost".
TlsIdentity make_tls_identity(const std::string& ca_name, const std::string& san);

// A private temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Writes `content` to a file in the directory and returns its path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// A loopback wss:// server (Beast over OpenSSL): records the SNI name of every TLS handshake
// ("" when none was sent) and the text frames of each websocket connection; pushes frames
// and drops connections on demand.
class TlsWsServer {
 public:
  explicit TlsWsServer(const TlsIdentity& identity);
  ~TlsWsServer();
  TlsWsServer(const TlsWsServer&) = delete;
  TlsWsServer& operator=(const TlsWsServer&) = delete;

  std::uint16_t port() const;
  std::string url(const std::string& host = "127.0.0.1",
                  const std::string& path = "/ws/market") const;
  void send_to_all(const std::string& text);
  void drop_all();              // closes every TCP connection without a close frame
  int tcp_connections() const;  // accepted sockets, whatever happened next
  int tls_failures() const;     // TLS handshakes that failed (e.g. the client refused us)
  int ws_connections() const;   // websocket handshakes completed
  std::vector<std::string> server_names() const;  // SNI of each completed TLS handshake
  // Text frames received on websocket connection n (0-based, in handshake order).
  std::vector<std::string> received(int connection) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// A loopback HTTPS server (Beast over OpenSSL) answering every request with 200 and the body
// "ok <target>", keeping connections alive.
class HttpsTestServer {
 public:
  explicit HttpsTestServer(const TlsIdentity& identity);
  ~HttpsTestServer();
  HttpsTestServer(const HttpsTestServer&) = delete;
  HttpsTestServer& operator=(const HttpsTestServer&) = delete;

  std::string url(const std::string& host = "127.0.0.1", const std::string& path = "/") const;
  int tcp_connections() const;
  int requests() const;
  std::vector<std::string> server_names() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace polycopy::net::testing
