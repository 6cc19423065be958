#pragma once
// EIP-712 domains, domain separators and the final signing digest.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "chain/bytes.hpp"
#include "chain/eip712_types.hpp"
#include "chain/uint256.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

// Any subset of the standard fields; absent ones are left out of the EIP712Domain type
// (Polymarket's ClobAuthDomain has no verifyingContract).
struct Eip712Domain {
  std::optional<std::string> name;
  std::optional<std::string> version;
  std::optional<Uint256> chain_id;
  std::optional<Address> verifying_contract;
  std::optional<Bytes32> salt;
};

// The present fields in the standard order (name, version, chainId, verifyingContract, salt).
std::vector<Eip712Field> eip712_domain_fields(const Eip712Domain& domain);
// hashStruct(EIP712Domain) of the present fields.
Bytes32 eip712_domain_separator(const Eip712Domain& domain);

// From {"name": ..., "version": ..., "chainId": 137 or "137", "verifyingContract": "0x..",
// "salt": "0x.."}; unknown keys are refused. Errors: "invalid_eip712_domain".
core::Result<Eip712Domain> eip712_domain_from_json(const nlohmann::json& domain);

// keccak256(0x19 0x01 || domainSeparator || structHash): the digest that is signed.
Bytes32 eip712_digest(const Bytes32& domain_separator, const Bytes32& struct_hash);
core::Result<Bytes32> eip712_digest(const Eip712Domain& domain, const Eip712Types& types,
                                    std::string_view primary, const nlohmann::json& message);
// eth_signTypedData_v4 input: {"types", "primaryType", "domain", "message"}. The domain is
// hashed with types.EIP712Domain when given, else with the fields present in "domain".
// Errors: those above, "invalid_typed_data".
core::Result<Bytes32> eip712_digest_from_json(const nlohmann::json& typed_data);

}  // namespace polycopy::chain
