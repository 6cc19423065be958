#include "polymarket/orders/order_body.hpp"

#include "chain/hex.hpp"
#include "polymarket/orders/js_json.hpp"

namespace polycopy::polymarket {
namespace {

void key(std::string& out, std::string_view name) {
  out += '"';
  out += name;
  out += "\":";
}

void text(std::string& out, std::string_view name, std::string_view value) {
  key(out, name);
  js::append_json_string(out, value);
  out += ',';
}

void number(std::string& out, std::string_view name, std::uint64_t value) {
  key(out, name);
  out += std::to_string(value);
  out += ',';
}

void boolean(std::string& out, std::string_view name, bool value) {
  key(out, name);
  out += value ? "true," : "false,";
}

}  // namespace

std::string post_order_body(const SignedOrder& signed_order, const PostOptions& options) {
  const Order& o = signed_order.order;
  const bool v1 = o.version == ProtocolVersion::v1;
  std::string out;
  out.reserve(1024);
  out += '{';
  boolean(out, "deferExec", options.defer_exec);
  if (!v1) boolean(out, "postOnly", options.post_only);
  out += "\"order\":{";
  number(out, "salt", o.salt);
  text(out, "maker", o.maker.text());
  text(out, "signer", o.signer.text());
  if (v1) text(out, "taker", chain::to_hex(o.taker));
  text(out, "tokenId", o.token_id.to_decimal());
  text(out, "makerAmount", std::to_string(o.maker_amount));
  text(out, "takerAmount", std::to_string(o.taker_amount));
  text(out, "side", to_string(o.side));
  if (v1) {
    text(out, "expiration", std::to_string(o.expiration));
    text(out, "nonce", o.nonce.to_decimal());
    text(out, "feeRateBps", o.fee_rate_bps.to_decimal());
    number(out, "signatureType", static_cast<std::uint64_t>(o.signature_type));
  } else {
    number(out, "signatureType", static_cast<std::uint64_t>(o.signature_type));
    text(out, "timestamp", std::to_string(o.timestamp_ms));
    text(out, "expiration", std::to_string(o.expiration));
    text(out, "metadata", chain::to_hex(o.metadata));
    text(out, "builder", chain::to_hex(o.builder));
  }
  key(out, "signature");
  js::append_json_string(out, signed_order.signature);
  out += "},";
  text(out, "owner", options.owner);
  key(out, "orderType");
  js::append_json_string(out, to_string(options.order_type));
  if (v1) {
    out += ",\"postOnly\":";
    out += options.post_only ? "true" : "false";
  }
  out += '}';
  return out;
}

}  // namespace polycopy::polymarket
