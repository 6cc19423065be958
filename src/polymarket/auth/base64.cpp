#include "polymarket/auth/base64.hpp"

namespace polycopy::polymarket {
namespace {

int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool ascii_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

}  // namespace

std::optional<chain::Bytes> decode_api_secret(std::string_view secret) {
  std::string text;
  for (char c : secret) text.push_back(c == '-' ? '+' : c == '_' ? '/' : c);
  text.append((4 - text.size() % 4) % 4, '=');
  // forgiving-base64 decode (https://infra.spec.whatwg.org/#forgiving-base64-decode)
  std::string data;
  for (char c : text) {
    if (!ascii_whitespace(c)) data.push_back(c);
  }
  if (data.size() % 4 == 0) {
    if (data.ends_with("==")) {
      data.resize(data.size() - 2);
    } else if (data.ends_with("=")) {
      data.resize(data.size() - 1);
    }
  }
  if (data.size() % 4 == 1) return std::nullopt;
  chain::Bytes out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : data) {
    const int v = value_of(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

std::string base64url_keep_padding(chain::ByteView bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int shift : {18, 12, 6, 0}) out.push_back(kAlphabet[(n >> shift) & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    const unsigned n = (bytes[i] << 16) | (rest == 2 ? bytes[i + 1] << 8 : 0);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace polycopy::polymarket
