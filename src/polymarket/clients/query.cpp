#include "polymarket/clients/query.hpp"

namespace polycopy::polymarket {

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

Query& Query::add(std::string_view key, std::string_view value) {
  if (!text_.empty()) text_.push_back('&');
  text_ += url_encode(key);
  text_.push_back('=');
  text_ += url_encode(value);
  return *this;
}

Query& Query::add_int(std::string_view key, std::int64_t value) {
  return add(key, std::string_view(std::to_string(value)));
}

Query& Query::add_bool(std::string_view key, bool value) {
  return add(key, std::string_view(value ? "true" : "false"));
}

Query& Query::add_opt(std::string_view key, const std::optional<std::string>& value) {
  return value ? add(key, std::string_view(*value)) : *this;
}

Query& Query::add_opt_int(std::string_view key, const std::optional<std::int64_t>& value) {
  return value ? add_int(key, *value) : *this;
}

Query& Query::add_opt_bool(std::string_view key, const std::optional<bool>& value) {
  return value ? add_bool(key, *value) : *this;
}

Query& Query::add_each(std::string_view key, const std::vector<std::string>& values) {
  for (const auto& value : values) add(key, std::string_view(value));
  return *this;
}

}  // namespace polycopy::polymarket
