#pragma once
// Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not NIST SHA3-256's 0x06).
#include <string_view>

#include "chain/bytes.hpp"

namespace polycopy::chain {

Bytes32 keccak256(ByteView data);
Bytes32 keccak256(std::string_view text);  // the UTF-8 bytes of text
// keccak256(a || b || ...) without building the concatenation.
Bytes32 keccak256_concat(std::span<const ByteView> parts);

}  // namespace polycopy::chain
