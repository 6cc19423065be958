// order_digest and verify_order_signature: the exchange's signature check, with the hashing
// shared with the signer (orders/order_signer.hpp).
#include "polymarket/verify/order_verify.hpp"

#include <string>

#include "chain/eip712_domain.hpp"
#include "chain/hex.hpp"
#include "chain/signature.hpp"
#include "polymarket/orders/exchange.hpp"
#include "polymarket/orders/order_signer.hpp"
#include "polymarket/verify/poly_1271_wrapper.hpp"

namespace polycopy::polymarket {
namespace {

core::Error invalid_signature(std::string message) {
  return core::Error{"invalid_signature", std::move(message)};
}

core::Result<const Exchange*> exchange_of(const Order& order) {
  const Exchange* ex = find_exchange(order.version, order.neg_risk, order.chain_id);
  if (ex == nullptr) {
    return core::Error{"unsupported_chain", "chain id " + std::to_string(order.chain_id) +
                                                " has no Polymarket exchange (137 or 80002)"};
  }
  return ex;
}

// Types 0-2: a plain 65-byte signature by the signer over the order digest.
core::Result<chain::Address> recover_direct(const chain::Bytes32& digest, const Order& order,
                                            chain::ByteView wire) {
  if (order.signature_type == SignatureType::eoa && order.maker.value != order.signer.value) {
    return invalid_signature("maker must be the signer for EOA orders");
  }
  const auto signature = chain::Signature::from_bytes(wire);
  if (!signature) return invalid_signature("the signature must be 65 bytes");
  const auto recovered = chain::recover_address(digest, *signature);
  if (!recovered)
    return invalid_signature("the signature is malformed: " + recovered.error().message);
  if (*recovered != order.signer.value) {
    return invalid_signature("the signature was not made by the order's signer");
  }
  return *recovered;
}

// Type 3: the ERC-7739 wrapper must be about this order under this exchange; the inner
// signature is the wallet owner's, whom the simulator cannot ask the wallet about.
core::Result<chain::Address> recover_wallet_owner(const Exchange& ex,
                                                  const chain::Bytes32& contents,
                                                  const Order& order, chain::ByteView wire) {
  if (!ex.typed_data_sign) return invalid_signature("POLY_1271 is not supported for v1 orders");
  if (order.maker.value != order.signer.value) {
    return invalid_signature("maker must be the wallet (the signer) for POLY_1271 orders");
  }
  const auto wrapper = parse_poly_1271_wrapper(wire);
  if (!wrapper) return wrapper.error();
  if (wrapper->domain_separator != ex.order.domain_separator()) {
    return invalid_signature("the POLY_1271 domain separator is not this order's exchange");
  }
  if (wrapper->contents != contents) {
    return invalid_signature("the POLY_1271 contents hash is not this order's");
  }
  if (wrapper->type_string != kOrderTypeStringV2) {
    return invalid_signature("the POLY_1271 type string is not the Order type");
  }
  const auto owner =
      chain::recover_address(poly_1271_digest(ex, order.signer.value, contents), wrapper->inner);
  if (!owner)
    return invalid_signature("the inner signature is malformed: " + owner.error().message);
  return *owner;
}

}  // namespace

core::Result<chain::Bytes32> order_digest(const Order& order) {
  const auto ex = exchange_of(order);
  if (!ex) return ex.error();
  return chain::eip712_digest((*ex)->order.domain_separator(), order_struct_hash(**ex, order));
}

core::Result<VerifiedOrder> verify_order_signature(const Order& order, std::string_view signature) {
  const auto ex = exchange_of(order);
  if (!ex) return ex.error();
  const auto wire = chain::parse_hex(signature);
  if (!wire) return invalid_signature("the signature must be 0x + hex");
  const chain::Bytes32 contents = order_struct_hash(**ex, order);
  const chain::Bytes32 digest = chain::eip712_digest((*ex)->order.domain_separator(), contents);
  core::Result<chain::Address> signed_by = invalid_signature("unknown signature type");
  switch (order.signature_type) {
    case SignatureType::eoa:
    case SignatureType::poly_proxy:
    case SignatureType::poly_gnosis_safe:
      signed_by = recover_direct(digest, order, *wire);
      break;
    case SignatureType::poly_1271:
      signed_by = recover_wallet_owner(**ex, contents, order, *wire);
      break;
  }
  if (!signed_by) return signed_by.error();
  return VerifiedOrder{digest, *signed_by};
}

}  // namespace polycopy::polymarket
