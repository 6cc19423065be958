#include "polymarket/clients/venue_error.hpp"

#include <string>

#include <nlohmann/json.hpp>

namespace polycopy::polymarket {
namespace {

std::string code_for(int status, const std::string& text) {
  if (text.find("order_version_mismatch") != std::string::npos) return "order_version_mismatch";
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 429:
      return "rate_limited";
    case 503:
      if (text.find("cancel-only") != std::string::npos) return "cancel_only";
      if (text.find("disabled") != std::string::npos) return "trading_disabled";
      return "venue_unavailable";
    default:
      return status >= 500 ? "server_error" : "http_status";
  }
}

}  // namespace

std::string venue_error_text(std::string_view body) {
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_object()) {
    for (const char* key : {"error", "errorMsg", "message"}) {
      auto it = json.find(key);
      if (it != json.end() && it->is_string() && !it->get<std::string>().empty())
        return it->get<std::string>();
    }
  }
  std::string text(body.substr(0, 300));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  return text;
}

core::Error venue_error(const net::HttpError& error) {
  // Transport codes, and unknown_outcome after a 5xx (its message quotes the body).
  if (error.code != "http_status" || !error.response) return error.to_error();
  const int status = error.response->status;
  std::string text = venue_error_text(error.response->body);
  if (text.empty()) text = "HTTP " + std::to_string(status);
  return core::Error{code_for(status, text), std::move(text)};
}

}  // namespace polycopy::polymarket
