// The venue's L1 and L2 checks, sharing the digest and the HMAC with the signing side.
#include "polymarket/verify/auth_verify.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "chain/signature.hpp"
#include "chain/uint256.hpp"
#include "polymarket/auth/l1_auth.hpp"
#include "polymarket/orders/exchange.hpp"

namespace polycopy::polymarket {
namespace {

core::Error invalid_l1(std::string message) {
  return core::Error{"invalid_l1", std::move(message)};
}

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Unix seconds as decimal digits, small enough for int64 arithmetic with the skew.
std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  if (text.empty() || text.size() > 18 || !all_digits(text)) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

// POLY_ADDRESS compared case-insensitively: servers match the value, not the checksum.
std::optional<chain::Address> parse_header_address(std::string_view text) {
  if (!text.starts_with("0x") && !text.starts_with("0X")) return std::nullopt;
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto parsed = chain::parse_address(lower);
  if (!parsed) return std::nullopt;
  return *parsed;
}

// |a - b| without overflow (two int64 are at most 2^64 - 1 apart).
std::uint64_t distance(std::int64_t a, std::int64_t b) {
  const auto ua = static_cast<std::uint64_t>(a);
  const auto ub = static_cast<std::uint64_t>(b);
  return a > b ? ua - ub : ub - ua;
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  // The length of an HMAC is public; only the contents must not leak through timing.
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

core::Result<chain::Address> verify_l1(const ReceivedL1& headers, std::uint64_t chain_id,
                                       std::int64_t now_s, std::int64_t max_skew_s) {
  if (chain_id != kPolygonChainId && chain_id != kAmoyChainId) {
    return core::Error{"unsupported_chain", "chain_id must be 137 (Polygon) or 80002 (Amoy)"};
  }
  const auto address = parse_header_address(headers.address);
  if (!address) return invalid_l1("POLY_ADDRESS must be 0x + 40 hex digits");
  const auto timestamp = parse_timestamp(headers.timestamp);
  if (!timestamp) return invalid_l1("POLY_TIMESTAMP must be Unix seconds in decimal");
  if (max_skew_s < 0 || distance(*timestamp, now_s) > static_cast<std::uint64_t>(max_skew_s))
    return invalid_l1("POLY_TIMESTAMP is too far from the server's time");
  chain::Uint256 nonce;
  if (!headers.nonce.empty()) {
    const auto parsed = chain::Uint256::parse_decimal(headers.nonce);
    if (!parsed) return invalid_l1("POLY_NONCE must be a decimal uint256");
    nonce = *parsed;
  }
  const auto signature = chain::Signature::parse(headers.signature);
  if (!signature) return invalid_l1("POLY_SIGNATURE must be 0x + 65 bytes of hex");
  // The client signs the timestamp text it sends, so the digest hashes the header as is.
  const auto digest = clob_auth_digest(chain_id, *address, headers.timestamp, nonce);
  if (!digest) return digest.error();
  const auto signer = chain::recover_address(*digest, *signature);
  if (!signer) return invalid_l1("POLY_SIGNATURE is malformed: " + signer.error().message);
  if (*signer != *address) return invalid_l1("POLY_SIGNATURE was not made by POLY_ADDRESS");
  return *signer;
}

core::Result<bool> l2_signature_matches(std::string_view secret, const L2Request& request,
                                        std::string_view signature) {
  const auto expected = l2_signature(secret, request);
  if (!expected) return expected.error();
  const std::string_view padded = *expected;
  const std::string_view unpadded = padded.substr(0, padded.find_last_not_of('=') + 1);
  // Evaluate both comparisons so the time taken does not say which form was sent.
  const bool matches_padded = equal_in_constant_time(signature, padded);
  const bool matches_unpadded = equal_in_constant_time(signature, unpadded);
  return matches_padded || matches_unpadded;
}

}  // namespace polycopy::polymarket
