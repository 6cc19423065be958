#pragma once
// One HTTP attempt over libcurl, without retries or rate limits (HttpClient adds those).
// Easy handles are pooled so their keep-alive connections are reused; DNS and TLS sessions
// are shared between handles. No curl type appears here.
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "net/http_types.hpp"

namespace polycopy::net {

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{5'000};
  std::chrono::milliseconds timeout{15'000};  // total per attempt
  std::string user_agent = "polycopy/0.1";
  std::size_t max_response_bytes = 64u << 20;  // larger bodies are "invalid_response"
  std::size_t max_idle_handles = 16;           // pooled handles (each keeps its connections)
  std::string proxy;    // empty: no proxy, and proxy environment variables are ignored
  std::string ca_file;  // PEM file of trusted CAs; empty: the system's trust store
  // false accepts any certificate for any name: for tests against self-signed servers only,
  // never in production.
  bool verify_tls = true;
};

// What one attempt produced: a complete response, or a failure code (see HttpError) with
// whether any byte of the request was written to a socket.
struct Attempt {
  std::optional<HttpResponse> response;
  std::string code;
  std::string message;
  bool request_sent = false;
};

class CurlTransport {
 public:
  explicit CurlTransport(TransportOptions options);
  ~CurlTransport();
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  // Thread-safe. With forbid_resend, libcurl is stopped from silently sending the request a
  // second time on a fresh connection (it does so when a reused connection dies without an
  // answer); the attempt then fails with request_sent = true.
  Attempt perform(const HttpRequest& request, std::chrono::milliseconds timeout,
                  bool forbid_resend);

  const TransportOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::net
