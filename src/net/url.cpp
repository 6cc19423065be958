#include "net/url.hpp"

#include <algorithm>
#include <charconv>

namespace polycopy::net {
namespace {

core::Error invalid(std::string_view text, const std::string& why) {
  return core::Error{"invalid_url", "invalid URL '" + std::string(text) + "': " + why};
}

std::uint16_t default_port(std::string_view scheme) {
  return (scheme == "https" || scheme == "wss") ? 443 : 80;
}

bool has_control_or_space(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
}

}  // namespace

core::Result<Url> parse_url(std::string_view text) {
  if (has_control_or_space(text)) return invalid(text, "contains spaces or control characters");
  const auto colon = text.find("://");
  if (colon == std::string_view::npos) return invalid(text, "no scheme");
  Url url;
  url.scheme = std::string(text.substr(0, colon));
  std::transform(url.scheme.begin(), url.scheme.end(), url.scheme.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  if (url.scheme != "http" && url.scheme != "https" && url.scheme != "ws" && url.scheme != "wss")
    return invalid(text, "unsupported scheme");
  std::string_view rest = text.substr(colon + 3);
  const auto end_of_authority = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end_of_authority);
  std::string_view target =
      end_of_authority == std::string_view::npos ? "" : rest.substr(end_of_authority);
  if (target.find('#') != std::string_view::npos) return invalid(text, "fragments are not sent");
  if (authority.find('@') != std::string_view::npos)
    return invalid(text, "user info is not supported (credentials belong in headers)");

  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {  // [IPv6]:port
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return invalid(text, "unclosed '['");
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return invalid(text, "junk after ']'");
    if (!after.empty()) port_text = after.substr(1);
    if (!after.empty() && port_text.empty()) return invalid(text, "empty port");
  } else {
    const auto port_colon = authority.find(':');
    url.host = std::string(authority.substr(0, port_colon));
    if (port_colon != std::string_view::npos) {
      port_text = authority.substr(port_colon + 1);
      if (port_text.empty()) return invalid(text, "empty port");
    }
  }
  if (url.host.empty()) return invalid(text, "no host");
  url.port = default_port(url.scheme);
  if (!port_text.empty()) {
    unsigned value = 0;
    const auto [ptr, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || value == 0 ||
        value > 65535)
      return invalid(text, "bad port");
    url.port = static_cast<std::uint16_t>(value);
  }
  url.target =
      target.empty() || target.front() == '?' ? "/" + std::string(target) : std::string(target);
  return url;
}

std::string join_url(std::string_view base, std::string_view path) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::string out(base);
  out += '/';
  out += path;
  return out;
}

}  // namespace polycopy::net
