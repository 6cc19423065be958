#include "notify/notice_text.hpp"

#include <date/date.h>

#include <algorithm>
#include <cctype>

namespace polycopy::notify {

std::string format_iso8601_ms(core::Timestamp t) {
  return date::format("%FT%TZ", t);
}

std::string upper_severity(std::string_view severity) {
  std::string text(severity);
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  });
  return text;
}

std::string summary_line(const AlertNotice& notice) {
  std::string line =
      "[" + upper_severity(notice.severity) + "] " + notice.code + ": " + notice.message;
  std::string extra;
  if (notice.lt_strategy_id) extra = "strategy " + *notice.lt_strategy_id;
  if (notice.occurrences > 1) {
    if (!extra.empty()) extra += ", ";
    extra += "\u00d7" + std::to_string(notice.occurrences);
  }
  if (!extra.empty()) line += " (" + extra + ")";
  return line;
}

std::string truncate_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  static const std::string kEllipsis = "\u2026";
  std::size_t cut = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  // Back off continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  if (max_bytes >= kEllipsis.size()) text += kEllipsis;
  return text;
}

}  // namespace polycopy::notify
