#include "notify/email_message.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

#include "notify/notice_text.hpp"

namespace polycopy::notify {
namespace {

std::string two_digits(unsigned value) {
  return std::string(1, static_cast<char>('0' + value / 10)) + static_cast<char>('0' + value % 10);
}

// CR and LF would end the header and start another: replace them.
std::string header_value(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return text;
}

bool plain_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F;
  });
}

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Only characters every mail system keeps in a Message-ID's left part.
std::string id_part(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.') out += c;
  }
  return out.empty() ? "alert" : out;
}

// Bare LF or CR become CRLF, as SMTP requires.
std::string crlf_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string rfc5322_date(core::Timestamp t) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date{day};
  const std::chrono::weekday weekday{day};
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(t - day)};
  return std::string(kDays[weekday.c_encoding()]) + ", " +
         two_digits(static_cast<unsigned>(date.day())) + " " +
         kMonths[static_cast<unsigned>(date.month()) - 1] + " " +
         std::to_string(static_cast<int>(date.year())) + " " +
         two_digits(static_cast<unsigned>(time.hours().count())) + ":" +
         two_digits(static_cast<unsigned>(time.minutes().count())) + ":" +
         two_digits(static_cast<unsigned>(time.seconds().count())) + " +0000";
}

std::string alert_message_id(const AlertNotice& notice, const std::string& from) {
  const auto at = from.rfind('@');
  std::string domain = at == std::string::npos ? std::string() : id_part(from.substr(at + 1));
  if (domain.empty() || domain == "alert") domain = "polycopy.local";
  return "<" + id_part(notice.alert_id) + "." + std::to_string(notice.occurrences) + "@" + domain +
         ">";
}

std::string alert_subject(const AlertNotice& notice) {
  const std::string subject =
      header_value("[polycopy] " + upper_severity(notice.severity) + " " + notice.code);
  if (plain_ascii(subject)) return subject;
  return "=?UTF-8?B?" + base64(subject) + "?=";
}

std::string alert_email(const AlertNotice& notice, const std::string& from,
                        const std::vector<std::string>& to, core::Timestamp now) {
  std::string recipients;
  for (const auto& address : to) recipients += (recipients.empty() ? "" : ", ") + address;
  std::string message;
  message += "From: " + header_value(from) + "\r\n";
  message += "To: " + header_value(recipients) + "\r\n";
  message += "Subject: " + alert_subject(notice) + "\r\n";
  message += "Date: " + rfc5322_date(now) + "\r\n";
  message += "Message-ID: " + alert_message_id(notice, from) + "\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: 8bit\r\n";
  message += "\r\n";
  std::string body = summary_line(notice) + "\n\n";
  body += "Severity: " + notice.severity + "\n";
  body += "Code: " + notice.code + "\n";
  body += "Message: " + notice.message + "\n";
  if (notice.lt_strategy_id) body += "Strategy: " + *notice.lt_strategy_id + "\n";
  if (notice.user_id) body += "User: " + *notice.user_id + "\n";
  body += "Occurrences: " + std::to_string(notice.occurrences) + "\n";
  body += "Raised at: " + format_iso8601_ms(notice.raised_at) + "\n";
  body += "Alert id: " + notice.alert_id + "\n";
  message += crlf_lines(body);
  return message;
}

}  // namespace polycopy::notify
