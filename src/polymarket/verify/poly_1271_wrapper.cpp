#include "polymarket/verify/poly_1271_wrapper.hpp"

#include <algorithm>

namespace polycopy::polymarket {
namespace {

constexpr std::size_t kInnerSize = 65;
constexpr std::size_t kFixedSize = kInnerSize + 32 + 32;  // before the type string
constexpr std::size_t kLengthSize = 2;

chain::Bytes32 word_at(chain::ByteView wire, std::size_t offset) {
  chain::Bytes32 word;
  std::copy_n(wire.begin() + static_cast<std::ptrdiff_t>(offset), 32, word.bytes.begin());
  return word;
}

}  // namespace

core::Result<Poly1271Wrapper> parse_poly_1271_wrapper(chain::ByteView wire) {
  if (wire.size() < kFixedSize + kLengthSize) {
    return core::Error{"invalid_signature", "the POLY_1271 signature is too short"};
  }
  const std::size_t type_length =
      (std::size_t{wire[wire.size() - 2]} << 8) | std::size_t{wire[wire.size() - 1]};
  if (wire.size() != kFixedSize + type_length + kLengthSize) {
    return core::Error{"invalid_signature",
                       "the POLY_1271 signature's length does not match its type string length"};
  }
  Poly1271Wrapper out;
  std::copy_n(wire.begin(), kInnerSize, out.inner.bytes.bytes.begin());
  out.domain_separator = word_at(wire, kInnerSize);
  out.contents = word_at(wire, kInnerSize + 32);
  const auto type_string = wire.subspan(kFixedSize, type_length);
  out.type_string.assign(type_string.begin(), type_string.end());
  return out;
}

}  // namespace polycopy::polymarket
