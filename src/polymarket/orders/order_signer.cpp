#include "polymarket/orders/order_signer.hpp"

#include <array>

#include "chain/abi_word.hpp"
#include "chain/hex.hpp"
#include "chain/keccak.hpp"
#include "polymarket/orders/exchange.hpp"

namespace polycopy::polymarket {
namespace {

using chain::abi_word;
using chain::abi_word_u64;
using chain::Bytes32;

Bytes32 amount_word(std::int64_t micros) {
  return abi_word_u64(static_cast<std::uint64_t>(micros));
}

}  // namespace

Bytes32 order_struct_hash(const Exchange& ex, const Order& o) {
  const Bytes32 side = abi_word_u64(static_cast<std::uint64_t>(o.side));
  const Bytes32 sig_type = abi_word_u64(static_cast<std::uint64_t>(o.signature_type));
  if (o.version == ProtocolVersion::v1) {
    const std::array<Bytes32, 12> words{abi_word_u64(o.salt),
                                        abi_word(o.maker.value),
                                        abi_word(o.signer.value),
                                        abi_word(o.taker),
                                        abi_word(o.token_id),
                                        amount_word(o.maker_amount),
                                        amount_word(o.taker_amount),
                                        abi_word_u64(o.expiration),
                                        abi_word(o.nonce),
                                        abi_word(o.fee_rate_bps),
                                        side,
                                        sig_type};
    return ex.order.struct_hash(words);
  }
  const std::array<Bytes32, 11> words{abi_word_u64(o.salt),
                                      abi_word(o.maker.value),
                                      abi_word(o.signer.value),
                                      abi_word(o.token_id),
                                      amount_word(o.maker_amount),
                                      amount_word(o.taker_amount),
                                      side,
                                      sig_type,
                                      abi_word_u64(o.timestamp_ms),
                                      o.metadata,
                                      o.builder};
  return ex.order.struct_hash(words);
}

// ERC-7739 nested signature for a deposit wallet (clob-client-v2 exchangeOrderBuilderV2.ts).
Bytes32 poly_1271_digest(const Exchange& ex, const chain::Address& wallet,
                         const Bytes32& contents) {
  static const Bytes32 kNameHash = chain::keccak256(std::string_view("DepositWallet"));
  static const Bytes32 kVersionHash = chain::keccak256(std::string_view("1"));
  const std::array<Bytes32, 6> words{
      contents, kNameHash, kVersionHash, abi_word_u64(ex.chain_id), abi_word(wallet), Bytes32{}};
  return ex.typed_data_sign->digest(words);
}

namespace {

// The wire form is
// sig || domainSeparator || hashStruct(order) || typeString || uint16be(len(typeString)).
std::string poly_1271_signature(const Exchange& ex, const Order& o, const Bytes32& contents,
                                const chain::PrivateKey& key) {
  const chain::Signature inner = key.sign_digest(poly_1271_digest(ex, o.signer.value, contents));
  chain::Bytes wire(inner.bytes.bytes.begin(), inner.bytes.bytes.end());
  wire.insert(wire.end(), ex.order.domain_separator().bytes.begin(),
              ex.order.domain_separator().bytes.end());
  wire.insert(wire.end(), contents.bytes.begin(), contents.bytes.end());
  wire.insert(wire.end(), kOrderTypeStringV2.begin(), kOrderTypeStringV2.end());
  wire.push_back(static_cast<std::uint8_t>(kOrderTypeStringV2.size() >> 8));
  wire.push_back(static_cast<std::uint8_t>(kOrderTypeStringV2.size() & 0xff));
  return chain::to_hex(wire);
}

}  // namespace

core::Result<SignedOrder> sign_order(const Order& order, const chain::PrivateKey& key) {
  const Exchange* ex = find_exchange(order.version, order.neg_risk, order.chain_id);
  if (ex == nullptr) {
    return core::Error{"unsupported_chain", "chain id " + std::to_string(order.chain_id) +
                                                " has no Polymarket exchange (137 or 80002)"};
  }
  const bool wallet = order.signature_type == SignatureType::poly_1271;
  if (wallet && order.version == ProtocolVersion::v1) {
    return core::Error{"signature_type_not_supported",
                       "signature type POLY_1271 is not supported for v1 orders"};
  }
  if (order.salt > kMaxSalt) return core::Error{"invalid_salt", "salt must be below 2^53"};
  if (order.maker_amount < 0 || order.taker_amount < 0) {
    return core::Error{"invalid_amount", "amounts must not be negative"};
  }
  if (!wallet && order.signer.value != key.address()) {
    return core::Error{"signer_mismatch", "the order's signer is not the signing key's address"};
  }
  const Bytes32 contents = order_struct_hash(*ex, order);
  SignedOrder out{order, chain::eip712_digest(ex->order.domain_separator(), contents), {}};
  out.signature =
      wallet ? poly_1271_signature(*ex, order, contents, key) : key.sign_digest(out.hash).to_hex();
  return out;
}

}  // namespace polycopy::polymarket
