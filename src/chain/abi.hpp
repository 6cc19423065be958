#pragma once
// Solidity ABI encoding of the calls the project makes, and decoding of eth_call results.
// Supported types: uintN, address, bool, bytesN (as Bytes32, left-aligned), bytes, string,
// uintN[], bytes32[], address[]. Tuples and nested dynamic arrays are not supported.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

// bytesN values are Bytes32 with the N bytes first (right-padded), as the ABI lays them out.
using AbiValue = std::variant<Uint256, Address, bool, Bytes32, Bytes, std::string,
                              std::vector<Uint256>, std::vector<Bytes32>, std::vector<Address>>;

// First 4 bytes of keccak256 of the canonical signature, e.g. "balanceOf(address)".
Bytes4 function_selector(std::string_view signature);

// Head/tail encoding of values (no selector): static values in place, dynamic ones as an
// offset in the head and their data in the tail.
Bytes abi_encode(std::span<const AbiValue> values);

// selector || abi_encode(args), after checking args against the parameter types in the
// signature ("redeemPositions(address,bytes32,bytes32,uint256[])"): each value must have
// the matching alternative and fit (uint8 takes at most 255, bytes10 at most 10 bytes).
// Errors: "abi_encode_error".
core::Result<Bytes> abi_encode_call(std::string_view signature, std::span<const AbiValue> args);

// Reads return data slot by slot (slot i = bytes [32i, 32i+32) of the head). Strict: a
// bool must be 0 or 1, an address must have 12 zero bytes in front, offsets and lengths must
// stay inside the data. The decoder keeps a view: data must outlive it.
// Errors: "abi_decode_error".
class AbiDecoder {
 public:
  explicit AbiDecoder(ByteView data) : data_(data) {}

  std::size_t size() const { return data_.size(); }
  core::Result<Bytes32> word(std::size_t slot) const;
  core::Result<Uint256> uint256(std::size_t slot) const;
  core::Result<bool> boolean(std::size_t slot) const;
  core::Result<Address> address(std::size_t slot) const;
  // Dynamic values: the head slot holds the offset of their data.
  core::Result<std::vector<Uint256>> uint256_array(std::size_t slot) const;
  core::Result<Bytes> bytes(std::size_t slot) const;

 private:
  core::Result<Bytes32> word_at(std::size_t offset) const;
  // Offset and element count of the dynamic value whose offset is in slot.
  core::Result<std::pair<std::size_t, std::size_t>> dynamic(std::size_t slot,
                                                            std::size_t unit) const;
  ByteView data_;
};

}  // namespace polycopy::chain
