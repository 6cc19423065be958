#include "polymarket/orders/client_order.hpp"

#include "polymarket/orders/client_amounts.hpp"
#include "polymarket/orders/order_signer.hpp"

namespace polycopy::polymarket {

core::Result<SignedOrder> build_client_order(const ClientOrderRequest& r,
                                             const chain::PrivateKey& key) {
  const auto amounts = client_order_amounts({r.kind, r.side, r.price, r.size, r.tick});
  if (!amounts) return amounts.error();
  Order o;
  o.version = r.version;
  o.chain_id = r.chain_id;
  o.neg_risk = r.neg_risk;
  o.salt = r.salt;
  // maker = funder ?? EOA; signer = EOA, or the wallet itself for POLY_1271.
  const WireAddress eoa{key.address(), true};
  o.maker = r.funder.value_or(eoa);
  o.signer = r.signature_type == SignatureType::poly_1271 ? o.maker : eoa;
  o.token_id = r.token_id;
  o.maker_amount = amounts->maker;
  o.taker_amount = amounts->taker;
  o.side = r.side;
  o.signature_type = r.signature_type;
  o.expiration = r.kind == OrderKind::limit ? r.expiration : 0;
  o.nonce = r.nonce;
  o.fee_rate_bps = r.fee_rate_bps;
  o.timestamp_ms = r.timestamp_ms;
  o.metadata = r.metadata;
  o.builder = r.builder;
  return sign_order(o, key);
}

}  // namespace polycopy::polymarket
