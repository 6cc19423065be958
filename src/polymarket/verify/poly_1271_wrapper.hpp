#pragma once
// The POLY_1271 (ERC-7739) signature wrapper as it travels (protocol doc 7.4):
// innerSig(65) || domainSeparator(32) || contentsHash(32) || typeString || uint16be(len).
#include <string>

#include "chain/bytes.hpp"
#include "chain/signature.hpp"
#include "core/error.hpp"

namespace polycopy::polymarket {

struct Poly1271Wrapper {
  chain::Signature inner;  // the wallet owner's signature over the TypedDataSign digest
  chain::Bytes32 domain_separator;
  chain::Bytes32 contents;  // hashStruct of the signed order
  std::string type_string;
};

// Only the layout is checked here: the total length must match the trailing length field.
// Errors: "invalid_signature".
core::Result<Poly1271Wrapper> parse_poly_1271_wrapper(chain::ByteView wire);

}  // namespace polycopy::polymarket
