// parse_order_envelope(s): a received POST /order (or /orders) body back into orders. The
// inverse of post_order_body: a body the clients produce parses into what re-serialises to
// the same bytes.
#include <optional>

#include "polymarket/verify/envelope_fields.hpp"
#include "polymarket/verify/order_verify.hpp"

namespace polycopy::polymarket {
namespace {

using envelope::invalid_payload;
using envelope::ObjectReader;

// Returns a reader's error from the enclosing function.
#define READ_OR_RETURN(expr) \
  if (auto status = (expr); !status) return status.error()

// V2/V3 sign timestamp/metadata/builder; V1 signs taker/nonce/feeRateBps instead. A body
// with neither is read as V2, the shape production expects, so the error names V2's fields.
bool is_v1_shape(const ObjectReader& order) {
  const bool v2_field = order.has("timestamp") || order.has("metadata") || order.has("builder");
  const bool v1_field = order.has("taker") || order.has("nonce") || order.has("feeRateBps");
  return v1_field && !v2_field;
}

core::Status read_side(const ObjectReader& order, Side& out) {
  std::string text;
  READ_OR_RETURN(order.string("side", text));
  const auto side = parse_side(text);
  if (!side) return order.invalid("side", "\"BUY\" or \"SELL\"");
  out = *side;
  return {};
}

core::Status read_order(const ObjectReader& in, bool v1, Order& o, std::string& signature) {
  o.version = v1 ? ProtocolVersion::v1 : ProtocolVersion::v2;
  READ_OR_RETURN(in.json_uint("salt", kMaxSalt, o.salt));
  READ_OR_RETURN(in.wire_address("maker", o.maker));
  READ_OR_RETURN(in.wire_address("signer", o.signer));
  READ_OR_RETURN(in.decimal("tokenId", o.token_id));
  READ_OR_RETURN(in.decimal("makerAmount", o.maker_amount));
  READ_OR_RETURN(in.decimal("takerAmount", o.taker_amount));
  READ_OR_RETURN(read_side(in, o.side));
  std::uint64_t signature_type = 0;
  READ_OR_RETURN(in.json_uint("signatureType", 3, signature_type));
  o.signature_type = static_cast<SignatureType>(signature_type);
  READ_OR_RETURN(in.decimal("expiration", o.expiration));
  if (v1) {
    READ_OR_RETURN(in.address("taker", o.taker));
    READ_OR_RETURN(in.decimal("nonce", o.nonce));
    READ_OR_RETURN(in.decimal("feeRateBps", o.fee_rate_bps));
  } else {
    READ_OR_RETURN(in.decimal("timestamp", o.timestamp_ms));
    READ_OR_RETURN(in.bytes32("metadata", o.metadata));
    READ_OR_RETURN(in.bytes32("builder", o.builder));
  }
  READ_OR_RETURN(in.hex_string("signature", signature));
  return {};
}

core::Status read_post_options(const ObjectReader& in, bool v1, PostOptions& post) {
  READ_OR_RETURN(in.boolean("deferExec", post.defer_exec));
  // clob-client 5.x sends V1's postOnly only when its caller passed one.
  if (!v1 || in.has("postOnly")) {
    READ_OR_RETURN(in.boolean("postOnly", post.post_only));
  }
  READ_OR_RETURN(in.string("owner", post.owner));
  std::string order_type;
  READ_OR_RETURN(in.string("orderType", order_type));
  const auto parsed = parse_order_type(order_type);
  if (!parsed) return in.invalid("orderType", "GTC, GTD, FOK or FAK");
  post.order_type = *parsed;
  return {};
}

// path: "" for a single envelope, "[i]." for element i of an array.
core::Result<ReceivedOrder> read_envelope(const nlohmann::json& value, const std::string& path) {
  if (!value.is_object()) {
    return invalid_payload(path.empty() ? "the body must be a JSON object"
                                        : "element " + path.substr(0, path.size() - 1) +
                                              " must be a JSON object");
  }
  const ObjectReader top(value, path);
  const nlohmann::json* order_json = nullptr;
  READ_OR_RETURN(top.object("order", order_json));
  const ObjectReader order(*order_json, path + "order.");
  ReceivedOrder out;
  out.v1_shape = is_v1_shape(order);
  READ_OR_RETURN(read_order(order, out.v1_shape, out.order, out.signature));
  READ_OR_RETURN(read_post_options(top, out.v1_shape, out.post));
  return out;
}

#undef READ_OR_RETURN

std::optional<nlohmann::json> parse_json(std::string_view body) {
  nlohmann::json value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

}  // namespace

core::Result<ReceivedOrder> parse_order_envelope(std::string_view body) {
  const auto value = parse_json(body);
  if (!value) return invalid_payload("the body is not valid JSON");
  return read_envelope(*value, "");
}

core::Result<std::vector<ReceivedOrder>> parse_order_envelopes(std::string_view body) {
  const auto value = parse_json(body);
  if (!value) return invalid_payload("the body is not valid JSON");
  if (!value->is_array()) return invalid_payload("the body must be a JSON array of orders");
  std::vector<ReceivedOrder> out;
  out.reserve(value->size());
  for (std::size_t i = 0; i < value->size(); ++i) {
    auto order = read_envelope((*value)[i], "[" + std::to_string(i) + "].");
    if (!order) return order.error();
    out.push_back(std::move(order).value());
  }
  return out;
}

}  // namespace polycopy::polymarket
