#pragma once
// The fast EIP-712 path for one struct type signed many times (Polymarket orders): the
// domain separator and type hash are computed once, each struct is given as its already
// encoded 32-byte words, so an order costs two keccak256 calls before the signature.
#include <cstddef>
#include <span>
#include <string_view>

#include "chain/bytes.hpp"
#include "chain/eip712_domain.hpp"
#include "chain/eip712_types.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

class Eip712StructHasher {
 public:
  // Errors: those of eip712_type_hash.
  static core::Result<Eip712StructHasher> create(const Eip712Domain& domain,
                                                 const Eip712Types& types,
                                                 std::string_view primary);

  const Bytes32& domain_separator() const { return domain_separator_; }
  const Bytes32& type_hash() const { return type_hash_; }
  std::size_t field_count() const { return field_count_; }

  // words[i] is encodeData of field i in declaration order: abi_word(...) for atomic values,
  // keccak256 for string/bytes, hashStruct for nested structs. A wrong count is a
  // programming error: throws core::Failure{"invalid_argument"}.
  Bytes32 struct_hash(std::span<const Bytes32> words) const;
  // eip712_digest(domain_separator(), struct_hash(words)).
  Bytes32 digest(std::span<const Bytes32> words) const;

 private:
  Eip712StructHasher(const Bytes32& separator, const Bytes32& type_hash, std::size_t fields)
      : domain_separator_(separator), type_hash_(type_hash), field_count_(fields) {}

  Bytes32 domain_separator_;
  Bytes32 type_hash_;
  std::size_t field_count_;
};

}  // namespace polycopy::chain
