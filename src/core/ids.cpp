// ULID-like ids and the OpenSSL-backed random and hash helpers.
#include "core/ids.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace polycopy::core {
namespace {

// Crockford base32 (no i, l, o, u), lower case; its order matches ASCII order, so ids
// compare as strings in the order of their timestamps.
constexpr std::string_view kCrockford = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr std::size_t kTimeChars = 10;    // 50 bits, holding a 48-bit millisecond count
constexpr std::size_t kRandomChars = 16;  // 80 bits
constexpr std::size_t kRandomBytes = 10;
constexpr std::int64_t kMaxTimeMs = (std::int64_t{1} << 48) - 1;

void fill_random(unsigned char* out, std::size_t n) {
  if (n > static_cast<std::size_t>(INT_MAX)) {
    throw Failure("invalid_argument", "too many random bytes requested");
  }
  if (n != 0 && RAND_bytes(out, static_cast<int>(n)) != 1) {
    throw Failure("random_unavailable", "the system random generator failed");
  }
}

std::string to_hex(const unsigned char* data, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::string new_id(std::string_view prefix, const Clock& clock) {
  const std::int64_t ms = to_unix_ms(clock.now());
  if (ms < 0 || ms > kMaxTimeMs) {
    throw Failure("invalid_time", "clock time cannot be encoded in an id");
  }
  std::array<unsigned char, kRandomBytes> random{};
  fill_random(random.data(), random.size());

  std::string id(prefix);
  id += '_';
  std::string time_part(kTimeChars, '0');
  auto time_bits = static_cast<std::uint64_t>(ms);
  for (std::size_t i = kTimeChars; i-- > 0; time_bits >>= 5)
    time_part[i] = kCrockford[time_bits & 31];
  id += time_part;

  // 80 bits = two 40-bit halves, each exactly 8 characters.
  for (std::size_t half = 0; half < 2; ++half) {
    std::uint64_t bits = 0;
    for (std::size_t b = 0; b < 5; ++b) bits = (bits << 8) | random[half * 5 + b];
    std::string part(kRandomChars / 2, '0');
    for (std::size_t i = part.size(); i-- > 0; bits >>= 5) part[i] = kCrockford[bits & 31];
    id += part;
  }
  return id;
}

bool is_valid_id(std::string_view text, std::string_view prefix) {
  const std::size_t body_start = prefix.size() + 1;
  if (text.size() != body_start + kTimeChars + kRandomChars) return false;
  if (text.substr(0, prefix.size()) != prefix || text[prefix.size()] != '_') return false;
  const std::string_view body = text.substr(body_start);
  for (char c : body) {
    if (kCrockford.find(c) == std::string_view::npos) return false;
  }
  return body.front() <= '7';  // the first character carries only 3 of the 48 time bits
}

std::string random_hex(std::size_t n_bytes) {
  std::vector<unsigned char> bytes(n_bytes);
  fill_random(bytes.data(), n_bytes);
  return to_hex(bytes.data(), n_bytes);
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw Failure("hash_failed", "SHA-256 computation failed");
  }
  return to_hex(digest.data(), length);
}

}  // namespace polycopy::core
