#pragma once
// Recursive Length Prefix encoding (Ethereum yellow paper, appendix B), the serialization of
// transactions. Only encoding: polycopy builds transactions, it never has to read one.
#include <vector>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"

namespace polycopy::chain::rlp {

// A byte string: one byte under 0x80 stands for itself, else a length prefix.
Bytes encode_bytes(ByteView bytes);
// An unsigned integer: its big-endian bytes without leading zeros (zero is the empty string).
Bytes encode_uint(const Uint256& value);
Bytes encode_uint(std::uint64_t value);
// A list of items, each already encoded.
Bytes encode_list(const std::vector<Bytes>& encoded_items);

}  // namespace polycopy::chain::rlp
