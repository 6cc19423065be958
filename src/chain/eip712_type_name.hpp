#pragma once
// Classification of an EIP-712 / ABI type name (internal to the chain layer).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace polycopy::chain::detail {

enum class TypeKind { uint, int_, boolean, address, fixed_bytes, string, bytes, array, other };

struct TypeName {
  TypeKind kind = TypeKind::other;
  int size = 0;                             // bits for uint/int, bytes for fixed_bytes
  std::string element;                      // array element type
  std::optional<std::size_t> array_length;  // T[k]; nullopt for T[]
};

// Parses the outermost layer: "uint8[][3]" is an array of length 3 of "uint8[]".
// Names that are not built in are kind "other" (a struct name, checked by the caller).
// Errors: "invalid_type" for malformed built-ins ("uint7", "bytes33", "uint256[x]").
core::Result<TypeName> parse_type_name(std::string_view type);

}  // namespace polycopy::chain::detail
