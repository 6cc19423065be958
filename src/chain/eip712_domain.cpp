#include "chain/eip712_domain.hpp"

#include <nlohmann/json.hpp>

#include "chain/abi_word.hpp"
#include "chain/address.hpp"
#include "chain/eip712_encode.hpp"
#include "chain/hex.hpp"
#include "chain/keccak.hpp"

namespace polycopy::chain {
namespace {

using nlohmann::json;

core::Error bad_domain(std::string message) {
  return {"invalid_eip712_domain", std::move(message)};
}

core::Error bad_typed_data(std::string message) {
  return {"invalid_typed_data", std::move(message)};
}

}  // namespace

std::vector<Eip712Field> eip712_domain_fields(const Eip712Domain& d) {
  std::vector<Eip712Field> fields;
  if (d.name) fields.push_back({"name", "string"});
  if (d.version) fields.push_back({"version", "string"});
  if (d.chain_id) fields.push_back({"chainId", "uint256"});
  if (d.verifying_contract) fields.push_back({"verifyingContract", "address"});
  if (d.salt) fields.push_back({"salt", "bytes32"});
  return fields;
}

Bytes32 eip712_domain_separator(const Eip712Domain& d) {
  // Encoded directly (no JSON round trip); tests check it against the generic encoder.
  const Eip712Types types{{"EIP712Domain", eip712_domain_fields(d)}};
  std::vector<Bytes32> words{eip712_type_hash(types, "EIP712Domain").value()};
  if (d.name) words.push_back(keccak256(std::string_view(*d.name)));
  if (d.version) words.push_back(keccak256(std::string_view(*d.version)));
  if (d.chain_id) words.push_back(abi_word(*d.chain_id));
  if (d.verifying_contract) words.push_back(abi_word(*d.verifying_contract));
  if (d.salt) words.push_back(*d.salt);
  return keccak256(ByteView(words.front().data(), words.size() * 32));
}

core::Result<Eip712Domain> eip712_domain_from_json(const json& j) {
  if (!j.is_object()) return bad_domain("domain must be an object");
  Eip712Domain d;
  for (const auto& [key, v] : j.items()) {
    if (key == "name" || key == "version") {
      if (!v.is_string()) return bad_domain(key + " must be a string");
      (key == "name" ? d.name : d.version) = v.get<std::string>();
    } else if (key == "chainId") {
      if (v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0)) {
        d.chain_id = Uint256(v.get<std::uint64_t>());
      } else if (v.is_string()) {
        auto id = Uint256::parse(v.get_ref<const std::string&>());
        if (!id) return bad_domain("chainId: " + id.error().message);
        d.chain_id = *id;
      } else {
        return bad_domain("chainId must be a non-negative integer or a string");
      }
    } else if (key == "verifyingContract") {
      if (!v.is_string()) return bad_domain("verifyingContract must be a string");
      auto address = parse_address(v.get_ref<const std::string&>());
      if (!address) return bad_domain("verifyingContract: " + address.error().message);
      d.verifying_contract = *address;
    } else if (key == "salt") {
      if (!v.is_string()) return bad_domain("salt must be a 0x string");
      auto salt = parse_bytes32(v.get_ref<const std::string&>());
      if (!salt) return bad_domain("salt: " + salt.error().message);
      d.salt = *salt;
    } else {
      return bad_domain("unknown domain field '" + key + "'");
    }
  }
  return d;
}

Bytes32 eip712_digest(const Bytes32& domain_separator, const Bytes32& struct_hash) {
  static constexpr std::uint8_t kPrefix[] = {0x19, 0x01};
  const ByteView parts[] = {ByteView(kPrefix), domain_separator.view(), struct_hash.view()};
  return keccak256_concat(parts);
}

core::Result<Bytes32> eip712_digest(const Eip712Domain& domain, const Eip712Types& types,
                                    std::string_view primary, const json& message) {
  auto struct_hash = eip712_hash_struct(types, primary, message);
  if (!struct_hash) return struct_hash.error();
  return eip712_digest(eip712_domain_separator(domain), *struct_hash);
}

core::Result<Bytes32> eip712_digest_from_json(const json& typed) {
  if (!typed.is_object() || !typed.contains("types") || !typed.contains("primaryType") ||
      !typed.contains("domain") || !typed.contains("message") || !typed["primaryType"].is_string())
    return bad_typed_data("need types, primaryType (string), domain and message");
  auto types = eip712_types_from_json(typed["types"]);
  if (!types) return types.error();
  Bytes32 separator;
  if (types->contains("EIP712Domain")) {
    auto hashed = eip712_hash_struct(*types, "EIP712Domain", typed["domain"]);
    if (!hashed) return hashed.error();
    separator = *hashed;
  } else {
    auto domain = eip712_domain_from_json(typed["domain"]);
    if (!domain) return domain.error();
    separator = eip712_domain_separator(*domain);
  }
  auto struct_hash =
      eip712_hash_struct(*types, typed["primaryType"].get<std::string>(), typed["message"]);
  if (!struct_hash) return struct_hash.error();
  return eip712_digest(separator, *struct_hash);
}

}  // namespace polycopy::chain
