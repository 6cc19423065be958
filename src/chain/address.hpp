#pragma once
// Ethereum addresses: parsing with EIP-55 checksum validation, checksummed formatting, and
// derivation from an uncompressed public key.
#include <string>
#include <string_view>

#include "chain/bytes.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

// "0x" + 40 hex digits. All-lower and all-upper digits are accepted as they are; mixed case
// must be the EIP-55 checksum of the address, so a mistyped digit is caught.
// Errors: "invalid_address".
core::Result<Address> parse_address(std::string_view text);

// EIP-55 mixed-case form, e.g. "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".
std::string to_checksum_address(const Address& address);

// The last 20 bytes of keccak256(x || y) of a 64-byte uncompressed public key (no 0x04 byte).
Address address_from_public_key(const FixedBytes<64>& public_key);

}  // namespace polycopy::chain
