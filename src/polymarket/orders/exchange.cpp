#include "polymarket/orders/exchange.hpp"

#include <array>
#include <string>
#include <vector>

#include "chain/address.hpp"
#include "chain/eip712_domain.hpp"
#include "chain/uint256.hpp"

namespace polycopy::polymarket {
namespace {

struct Deployment {
  ProtocolVersion version;
  bool neg_risk;
  std::uint64_t chain_id;
  std::string_view contract;
};

// clob-client-v2 1.1.0 src/config.ts (MATIC_CONTRACTS, AMOY_CONTRACTS).
constexpr std::array<Deployment, 10> kDeployments{{
    {ProtocolVersion::v1, false, kPolygonChainId, "0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E"},
    {ProtocolVersion::v1, true, kPolygonChainId, "0xC5d563A36AE78145C45a50134d48A1215220f80a"},
    {ProtocolVersion::v2, false, kPolygonChainId, "0xE111180000d2663C0091e4f400237545B87B996B"},
    {ProtocolVersion::v2, true, kPolygonChainId, "0xe2222d279d744050d28e00520010520000310F59"},
    {ProtocolVersion::v3, false, kPolygonChainId, "0xe3333700cA9d93003F00f0F71f8515005F6c00Aa"},
    {ProtocolVersion::v1, false, kAmoyChainId, "0xdFE02Eb6733538f8Ea35D585af8DE5958AD99E40"},
    {ProtocolVersion::v1, true, kAmoyChainId, "0xC5d563A36AE78145C45a50134d48A1215220f80a"},
    {ProtocolVersion::v2, false, kAmoyChainId, "0xE111180000d2663C0091e4f400237545B87B996B"},
    {ProtocolVersion::v2, true, kAmoyChainId, "0xe2222d279d744050d28e00520010520000310F59"},
    {ProtocolVersion::v3, false, kAmoyChainId, "0x9fE6e61422AdB6F610d8597F9684b16912D50C3D"},
}};

std::vector<chain::Eip712Field> order_fields(ProtocolVersion version) {
  if (version == ProtocolVersion::v1) {
    return {{"salt", "uint256"},        {"maker", "address"},      {"signer", "address"},
            {"taker", "address"},       {"tokenId", "uint256"},    {"makerAmount", "uint256"},
            {"takerAmount", "uint256"}, {"expiration", "uint256"}, {"nonce", "uint256"},
            {"feeRateBps", "uint256"},  {"side", "uint8"},         {"signatureType", "uint8"}};
  }
  return {{"salt", "uint256"},     {"maker", "address"},       {"signer", "address"},
          {"tokenId", "uint256"},  {"makerAmount", "uint256"}, {"takerAmount", "uint256"},
          {"side", "uint8"},       {"signatureType", "uint8"}, {"timestamp", "uint256"},
          {"metadata", "bytes32"}, {"builder", "bytes32"}};
}

Exchange make_exchange(const Deployment& d) {
  chain::Eip712Domain domain;
  domain.name = "Polymarket CTF Exchange";
  domain.version = std::to_string(static_cast<int>(d.version));
  domain.chain_id = chain::Uint256(d.chain_id);
  const chain::Address contract = chain::parse_address(d.contract).value();
  domain.verifying_contract = contract;
  chain::Eip712Types types{{"Order", order_fields(d.version)}};
  auto order = chain::Eip712StructHasher::create(domain, types, "Order").value();
  std::optional<chain::Eip712StructHasher> typed_data_sign;
  if (d.version != ProtocolVersion::v1) {
    types["TypedDataSign"] = {{"contents", "Order"},
                              {"name", "string"},
                              {"version", "string"},
                              {"chainId", "uint256"},
                              {"verifyingContract", "address"},
                              {"salt", "bytes32"}};
    typed_data_sign = chain::Eip712StructHasher::create(domain, types, "TypedDataSign").value();
  }
  return Exchange{d.version, d.chain_id, contract, order, typed_data_sign};
}

}  // namespace

const Exchange* find_exchange(ProtocolVersion version, bool neg_risk, std::uint64_t chain_id) {
  // Built on first use (thread-safe static initialisation), read-only afterwards.
  static const std::vector<Exchange> exchanges = [] {
    std::vector<Exchange> out;
    for (const auto& d : kDeployments) out.push_back(make_exchange(d));
    return out;
  }();
  if (version == ProtocolVersion::v3) neg_risk = false;
  for (std::size_t i = 0; i < kDeployments.size(); ++i) {
    const auto& d = kDeployments[i];
    if (d.version == version && d.neg_risk == neg_risk && d.chain_id == chain_id)
      return &exchanges[i];
  }
  return nullptr;
}

}  // namespace polycopy::polymarket
