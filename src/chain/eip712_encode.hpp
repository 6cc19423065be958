#pragma once
// EIP-712 encodeData / hashStruct over JSON values.
//
// Values (nlohmann::json), by field type:
//   address        string "0x" + 40 hex; mixed case must be a valid EIP-55 checksum
//   bool           true / false
//   uintN          non-negative integer number, or string: decimal ("1765000000000") or
//                  "0x" hex; must fit in N bits (token ids need strings: > 2^64)
//   intN           integer number, or string: decimal with optional '-'; must fit in N bits
//   bytesN         string "0x" + exactly 2N hex digits (right-padded to 32 bytes)
//   bytes          string "0x" + hex (hashed: keccak256 of the bytes)
//   string         string (hashed: keccak256 of its UTF-8 bytes)
//   struct         object with every declared field (extra keys are ignored: they are not
//                  signed); encoded as its hashStruct
//   T[] / T[k]     array (T[k]: exactly k elements); keccak256 of the concatenated encodings
// Floating-point numbers are refused: an amount must never pass through a double.
// Errors: "invalid_eip712_type", "invalid_eip712_value" (the message names the field path).
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "chain/bytes.hpp"
#include "chain/eip712_types.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

// typeHash || enc(field 1) || ... || enc(field n), 32 bytes each.
core::Result<Bytes> eip712_encode_data(const Eip712Types& types, std::string_view primary,
                                       const nlohmann::json& value);
// keccak256(encodeData).
core::Result<Bytes32> eip712_hash_struct(const Eip712Types& types, std::string_view primary,
                                         const nlohmann::json& value);

}  // namespace polycopy::chain
