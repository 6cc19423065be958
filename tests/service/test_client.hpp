#pragma once
// A small synchronous HTTP client for tests: one keep-alive connection per client, plus raw
// socket helpers for sending bytes that are not HTTP.
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace polycopy::testing {

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  nlohmann::json json() const;
  // The "error.code" of an error body, or "" when absent.
  std::string error_code() const;
};

class TestClient {
 public:
  explicit TestClient(std::uint16_t port);
  ~TestClient();

  // Sends one request on the kept-alive connection (reconnecting if the server closed it).
  // headers: extra headers; a "content-type" of application/json is added for non-empty
  // bodies unless given.
  ClientResponse request(const std::string& method, const std::string& target,
                         const std::string& body = "",
                         const std::map<std::string, std::string>& headers = {});
  ClientResponse get(const std::string& target, const std::string& api_key);
  ClientResponse post(const std::string& target, const std::string& api_key,
                      const nlohmann::json& body = nlohmann::json::object());
  ClientResponse patch(const std::string& target, const std::string& api_key,
                       const nlohmann::json& body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Connects, writes the bytes, half-closes when asked, and returns everything the server sends
// until it closes the connection (or 5 s pass).
std::string raw_exchange(std::uint16_t port, const std::string& bytes, bool half_close = true);

}  // namespace polycopy::testing
