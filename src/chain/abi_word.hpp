#pragma once
// 32-byte ABI words for static values; EIP-712 encodeData uses the same words.
#include <algorithm>
#include <cstdint>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"

namespace polycopy::chain {

inline Bytes32 abi_word(const Uint256& value) {
  return value.word();
}
inline Bytes32 abi_word(const Bytes32& value) {
  return value;
}
inline Bytes32 abi_word(const Address& address) {  // left-padded with zeros
  Bytes32 word;
  std::copy(address.bytes.begin(), address.bytes.end(), word.bytes.begin() + 12);
  return word;
}
// Named, not overloaded: an int must not silently pick the bool or the address overload.
inline Bytes32 abi_word_u64(std::uint64_t value) {
  return Uint256(value).word();
}
inline Bytes32 abi_word_bool(bool value) {
  return Uint256(value ? 1 : 0).word();
}

}  // namespace polycopy::chain
