#pragma once
// EIP-712 struct type definitions: encodeType and typeHash.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "chain/bytes.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

struct Eip712Field {
  std::string name;
  std::string type;  // "uint256", "address", "Person", "Person[]", "bytes32[2]", ...
};

// Struct name -> fields in declaration order (the hashing order).
using Eip712Types = std::map<std::string, std::vector<Eip712Field>, std::less<>>;

// From the eth_signTypedData_v4 shape {"Mail": [{"name": "from", "type": "Person"}, ...]}.
// Errors: "invalid_eip712_type".
core::Result<Eip712Types> eip712_types_from_json(const nlohmann::json& types);

// "Mail(Person from,Person to,string contents)Person(string name,address wallet)": the
// primary type, then every struct type it references (transitively), sorted by name.
// Every field type must be atomic (address, bool, uintN, intN, bytesN), dynamic (string,
// bytes), a struct in types, or an array of those. Errors: "invalid_eip712_type".
core::Result<std::string> eip712_encode_type(const Eip712Types& types, std::string_view primary);
core::Result<Bytes32> eip712_type_hash(const Eip712Types& types, std::string_view primary);

}  // namespace polycopy::chain
