#include "chain/keccak.hpp"

#include <cryptopp/keccak.h>

namespace polycopy::chain {

Bytes32 keccak256_concat(std::span<const ByteView> parts) {
  CryptoPP::Keccak_256 hash;
  for (const auto& part : parts) hash.Update(part.data(), part.size());
  Bytes32 out;
  hash.Final(out.data());
  return out;
}

Bytes32 keccak256(ByteView data) {
  const ByteView parts[] = {data};
  return keccak256_concat(parts);
}

Bytes32 keccak256(std::string_view text) {
  return keccak256(ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

}  // namespace polycopy::chain
