#include "chain/eip712_struct_hasher.hpp"

#include "chain/keccak.hpp"

namespace polycopy::chain {

core::Result<Eip712StructHasher> Eip712StructHasher::create(const Eip712Domain& domain,
                                                            const Eip712Types& types,
                                                            std::string_view primary) {
  auto type_hash = eip712_type_hash(types, primary);
  if (!type_hash) return type_hash.error();
  return Eip712StructHasher(eip712_domain_separator(domain), *type_hash,
                            types.find(primary)->second.size());
}

Bytes32 Eip712StructHasher::struct_hash(std::span<const Bytes32> words) const {
  if (words.size() != field_count_)
    throw core::Failure("invalid_argument", "struct has " + std::to_string(field_count_) +
                                                " fields, got " + std::to_string(words.size()) +
                                                " words");
  // Bytes32 is exactly 32 bytes (static_assert in bytes.hpp): the span is one buffer.
  const ByteView parts[] = {
      type_hash_.view(),
      ByteView(reinterpret_cast<const std::uint8_t*>(words.data()), words.size() * 32)};
  return keccak256_concat(parts);
}

Bytes32 Eip712StructHasher::digest(std::span<const Bytes32> words) const {
  return eip712_digest(domain_separator_, struct_hash(words));
}

}  // namespace polycopy::chain
