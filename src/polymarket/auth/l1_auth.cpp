#include "polymarket/auth/l1_auth.hpp"

#include <array>

#include "chain/abi_word.hpp"
#include "chain/address.hpp"
#include "chain/eip712_struct_hasher.hpp"
#include "chain/keccak.hpp"

namespace polycopy::polymarket {
namespace {

constexpr std::string_view kMessage = "This message attests that I control the given wallet";

// ClobAuthDomain has no verifyingContract (clob-client-v2 src/signing/eip712.ts).
chain::Eip712StructHasher make_hasher(std::uint64_t chain_id) {
  chain::Eip712Domain domain;
  domain.name = "ClobAuthDomain";
  domain.version = "1";
  domain.chain_id = chain::Uint256(chain_id);
  const chain::Eip712Types types{{"ClobAuth",
                                  {{"address", "address"},
                                   {"timestamp", "string"},
                                   {"nonce", "uint256"},
                                   {"message", "string"}}}};
  return chain::Eip712StructHasher::create(domain, types, "ClobAuth").value();
}

}  // namespace

core::Result<chain::Bytes32> clob_auth_digest(std::uint64_t chain_id, const chain::Address& address,
                                              std::string_view timestamp,
                                              const chain::Uint256& nonce) {
  static const chain::Eip712StructHasher polygon = make_hasher(137);
  static const chain::Eip712StructHasher amoy = make_hasher(80002);
  if (chain_id != 137 && chain_id != 80002) {
    return core::Error{"unsupported_chain", "chain_id must be 137 (Polygon) or 80002 (Amoy)"};
  }
  const auto& hasher = chain_id == 137 ? polygon : amoy;
  static const chain::Bytes32 kMessageHash = chain::keccak256(kMessage);
  const std::array<chain::Bytes32, 4> words{chain::abi_word(address), chain::keccak256(timestamp),
                                            chain::abi_word(nonce), kMessageHash};
  return hasher.digest(words);
}

core::Result<L1Headers> l1_headers(const chain::PrivateKey& key, std::uint64_t chain_id,
                                   std::uint64_t timestamp_s, const chain::Uint256& nonce) {
  const std::string timestamp = std::to_string(timestamp_s);
  const auto digest = clob_auth_digest(chain_id, key.address(), timestamp, nonce);
  if (!digest) return digest.error();
  return L1Headers{chain::to_checksum_address(key.address()), key.sign_digest(*digest).to_hex(),
                   timestamp, nonce.to_decimal()};
}

}  // namespace polycopy::polymarket
