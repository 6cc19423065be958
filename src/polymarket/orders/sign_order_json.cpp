#include "polymarket/orders/sign_order_json.hpp"

#include "polymarket/orders/client_order.hpp"
#include "polymarket/orders/json_fields.hpp"
#include "polymarket/orders/order_body.hpp"

namespace polycopy::polymarket {
namespace {

namespace jf = json_fields;

// Reads a field into var or returns the reader's error.
#define TRY_ASSIGN(var, expr)                     \
  auto var##_result = (expr);                     \
  if (!var##_result) return var##_result.error(); \
  auto var = std::move(var##_result).value()

struct Parsed {
  ClientOrderRequest request;
  PostOptions post;
  std::string private_key;
};

// The fields of every protocol version, plus those only V1 or only V2/V3 sign.
core::Status check_keys(const nlohmann::json& in, bool v1) {
  const std::initializer_list<std::string_view> common = {"protocol_version",
                                                          "kind",
                                                          "private_key",
                                                          "token_id",
                                                          "price",
                                                          "size",
                                                          "side",
                                                          "tick_size",
                                                          "neg_risk",
                                                          "signature_type",
                                                          "funder",
                                                          "salt",
                                                          "expiration",
                                                          "order_type",
                                                          "post_only",
                                                          "defer_exec",
                                                          "owner",
                                                          "chain_id"};
  if (v1) return jf::check_keys(in, common, {"fee_rate_bps", "nonce"});
  return jf::check_keys(in, common, {"timestamp_ms", "metadata", "builder"});
}

core::Status parse_order(const nlohmann::json& in, ClientOrderRequest& r) {
  TRY_ASSIGN(kind, jf::required_string(in, "kind"));
  if (kind == "limit") {
    r.kind = OrderKind::limit;
  } else if (kind == "market") {
    r.kind = OrderKind::market;
  } else {
    return core::Error{"invalid_kind", "kind must be \"limit\" or \"market\""};
  }
  TRY_ASSIGN(token, jf::echoed_uint256_field(in, "token_id"));
  r.token_id = token;
  TRY_ASSIGN(price, jf::required_js_number(in, "price"));
  r.price = std::move(price);
  TRY_ASSIGN(size, jf::required_js_number(in, "size"));
  r.size = std::move(size);
  TRY_ASSIGN(side, jf::required_string(in, "side"));
  const auto parsed_side = parse_side(side);
  if (!parsed_side) return core::Error{"invalid_side", "side must be \"BUY\" or \"SELL\""};
  r.side = *parsed_side;
  TRY_ASSIGN(tick, jf::required_js_number(in, "tick_size"));
  const auto parsed_tick = parse_tick_size(tick, r.version);
  if (!parsed_tick) {
    return core::Error{
        "invalid_tick_size",
        "tick_size " + tick + " is not one the client knows for this protocol version"};
  }
  r.tick = *parsed_tick;
  TRY_ASSIGN(neg_risk, jf::bool_field(in, "neg_risk"));
  r.neg_risk = neg_risk.value_or(false);
  TRY_ASSIGN(sig_type, jf::u64_field(in, "signature_type", false));
  if (sig_type.value_or(0) > 3) {
    return core::Error{"invalid_signature_type", "signature_type must be 0, 1, 2 or 3"};
  }
  r.signature_type = static_cast<SignatureType>(sig_type.value_or(0));
  if (const auto* funder = jf::find(in, "funder")) {
    if (!funder->is_string()) return jf::wrong_type("funder", "an address string or null");
    TRY_ASSIGN(address, jf::parse_wire_address(funder->get_ref<const std::string&>(), "funder"));
    r.funder = address;
  }
  TRY_ASSIGN(salt, jf::u64_field(in, "salt", true, kMaxSalt));
  r.salt = salt.value();
  TRY_ASSIGN(expiration, jf::u64_field(in, "expiration", false));
  r.expiration = expiration.value_or(0);
  TRY_ASSIGN(chain_id, jf::u64_field(in, "chain_id", false));
  r.chain_id = chain_id.value_or(137);
  if (r.version == ProtocolVersion::v1) {
    TRY_ASSIGN(fee, jf::uint256_field(in, "fee_rate_bps", false));
    r.fee_rate_bps = fee.value_or(chain::Uint256{});
    TRY_ASSIGN(nonce, jf::uint256_field(in, "nonce", false));
    r.nonce = nonce.value_or(chain::Uint256{});
  } else {
    TRY_ASSIGN(ts, jf::u64_field(in, "timestamp_ms", true));
    r.timestamp_ms = ts.value();
    TRY_ASSIGN(metadata, jf::bytes32_field(in, "metadata"));
    r.metadata = metadata.value_or(chain::Bytes32{});
    TRY_ASSIGN(builder, jf::bytes32_field(in, "builder"));
    r.builder = builder.value_or(chain::Bytes32{});
  }
  return {};
}

core::Status parse_post(const nlohmann::json& in, PostOptions& post) {
  const nlohmann::json* order_type = jf::find(in, "order_type");
  if (order_type != nullptr && !order_type->is_string()) {
    return jf::wrong_type("order_type", "a string");
  }
  const auto parsed_type =
      parse_order_type(order_type ? order_type->get_ref<const std::string&>() : std::string("GTC"));
  if (!parsed_type) {
    return core::Error{"invalid_order_type", "order_type must be GTC, GTD, FOK or FAK"};
  }
  post.order_type = *parsed_type;
  TRY_ASSIGN(post_only, jf::bool_field(in, "post_only"));
  post.post_only = post_only.value_or(false);
  TRY_ASSIGN(defer_exec, jf::bool_field(in, "defer_exec"));
  post.defer_exec = defer_exec.value_or(false);
  TRY_ASSIGN(owner, jf::required_string(in, "owner"));
  post.owner = std::move(owner);
  return {};
}

core::Result<Parsed> parse(const nlohmann::json& in) {
  TRY_ASSIGN(version, jf::u64_field(in, "protocol_version", false));
  if (version.value_or(2) < 1 || version.value_or(2) > 3) {
    return core::Error{"invalid_protocol_version", "protocol_version must be 1, 2 or 3"};
  }
  Parsed p;
  p.request.version = static_cast<ProtocolVersion>(version.value_or(2));
  if (auto s = check_keys(in, p.request.version == ProtocolVersion::v1); !s) return s.error();
  TRY_ASSIGN(key, jf::required_string(in, "private_key"));
  p.private_key = std::move(key);
  if (auto s = parse_order(in, p.request); !s) return s.error();
  if (auto s = parse_post(in, p.post); !s) return s.error();
  return p;
}

}  // namespace

core::Result<std::string> sign_order_json(std::string_view input) {
  const auto object = jf::parse_object(input);
  if (!object) return object.error();
  const auto parsed = parse(*object);
  if (!parsed) return parsed.error();
  const auto key = chain::PrivateKey::parse(parsed->private_key);
  if (!key) return key.error();
  const auto& post = parsed->post;
  // postOrder refuses this (both clients) before anything is sent.
  if (post.post_only && (post.order_type == OrderType::fok || post.order_type == OrderType::fak)) {
    return core::Error{"post_only_not_allowed", "postOnly is not supported for FOK/FAK orders"};
  }
  const auto signed_order = build_client_order(parsed->request, *key);
  if (!signed_order) return signed_order.error();
  return post_order_body(*signed_order, post);
}

}  // namespace polycopy::polymarket
