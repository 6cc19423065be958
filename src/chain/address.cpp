#include "chain/address.hpp"

#include <algorithm>
#include <cstring>

#include "chain/hex.hpp"
#include "chain/keccak.hpp"

namespace polycopy::chain {

std::string to_checksum_address(const Address& address) {
  std::string out = to_hex(address);  // lower case
  // EIP-55: upper-case a letter when the matching nibble of keccak(lower-case hex) is >= 8.
  const Bytes32 hash = keccak256(std::string_view(out).substr(2));
  for (std::size_t i = 0; i < 40; ++i) {
    const unsigned nibble = (i % 2 == 0) ? hash.bytes[i / 2] >> 4 : hash.bytes[i / 2] & 0x0f;
    char& c = out[2 + i];
    if (c >= 'a' && c <= 'f' && nibble >= 8) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

core::Result<Address> parse_address(std::string_view text) {
  Address address;
  if (auto st = detail::parse_hex_into(text, HexPrefix::required, address.bytes); !st)
    return core::Error{"invalid_address",
                       "address must be 0x + 40 hex digits (" + st.error().message + ")"};
  const std::string_view digits = text.substr(2);
  const bool has_lower =
      std::any_of(digits.begin(), digits.end(), [](char c) { return c >= 'a' && c <= 'f'; });
  const bool has_upper =
      std::any_of(digits.begin(), digits.end(), [](char c) { return c >= 'A' && c <= 'F'; });
  if (has_lower && has_upper && to_checksum_address(address).substr(2) != digits)
    return core::Error{"invalid_address", "address has a wrong EIP-55 checksum (mixed case)"};
  return address;
}

Address address_from_public_key(const FixedBytes<64>& public_key) {
  const Bytes32 hash = keccak256(public_key.view());
  Address address;
  std::memcpy(address.data(), hash.data() + 12, 20);
  return address;
}

}  // namespace polycopy::chain
