#pragma once
// Reads what RawHttpServer recorded: the request line, a header, the body.
#include <algorithm>
#include <cctype>
#include <string>

#include "notify/alert_channel.hpp"

namespace polycopy::notify::testing {

inline std::string request_line(const std::string& raw) {
  return raw.substr(0, raw.find("\r\n"));
}

inline std::string request_body(const std::string& raw) {
  const auto end = raw.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : raw.substr(end + 4);
}

// The value of a header (name matched without regard to case), or "" when absent.
inline std::string request_header(const std::string& raw, const std::string& name) {
  const auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return text;
  };
  const std::string head = raw.substr(0, raw.find("\r\n\r\n"));
  const std::string wanted = "\r\n" + lower(name) + ":";
  const auto at = lower(head).find(wanted);
  if (at == std::string::npos) return {};
  const auto start = head.find_first_not_of(' ', at + wanted.size());
  const auto stop = head.find("\r\n", start);
  return head.substr(start, stop == std::string::npos ? std::string::npos : stop - start);
}

// A notice with every field set.
inline AlertNotice sample_notice() {
  AlertNotice notice;
  notice.alert_id = "alr_7f3a9c";
  notice.severity = "critical";
  notice.code = "circuit_breaker_open";
  notice.message = "drawdown 31% over the 25% limit";
  notice.user_id = "usr_alice";
  notice.lt_strategy_id = "lt_s1";
  notice.occurrences = 3;
  notice.raised_at = core::from_unix_ms(1'700'000'123'456);  // 2023-11-14T22:15:23.456Z
  return notice;
}

}  // namespace polycopy::notify::testing
