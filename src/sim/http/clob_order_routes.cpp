// CLOB trading (protocol doc 6, 7, 12): post orders after checking what the venue checks
// before the book (payload, owner, order version, signature, signer = API key's address),
// cancel, and the account's orders and trades.
#include <charconv>

#include "polymarket/verify/order_verify.hpp"
#include "sim/http/route_helpers.hpp"

namespace polycopy::sim {
namespace {

using service::HttpRequest;
using service::HttpResponse;
using service::json_response;
using service::PathParams;

constexpr std::size_t kMaxBatchOrders = 15;
constexpr std::size_t kPageSize = 100;

// A refused order in the order-response shape (what a batch answers per order).
nlohmann::json refused(std::string text) {
  PlaceResult r;
  r.error_msg = std::move(text);
  return wire::order_response(r);
}

struct Checked {
  int status = 200;
  nlohmann::json body;
};

// Everything from one envelope to the venue's answer.
Checked post_one(SimContext& ctx, const ApiKeyRecord& key, polymarket::ReceivedOrder received) {
  if (received.post.owner != key.credentials.key)
    return {400, refused("the order owner has to be the owner of the API KEY")};
  const auto market = ctx.venue.market_by_token(received.order.token_id);
  if (!market) return {400, refused("Invalid token id")};
  const int wanted = market->market.order_version;
  if (received.v1_shape != (wanted == 1)) {
    return {400, refused("order_version_mismatch: this market takes version " +
                         std::to_string(wanted) + " orders")};
  }
  auto& order = received.order;
  order.version = static_cast<polymarket::ProtocolVersion>(wanted);
  order.neg_risk = market->market.neg_risk;
  order.chain_id = ctx.chain_id;
  const auto verified = polymarket::verify_order_signature(order, received.signature);
  if (!verified) {
    // Signed for the other exchange generation (V2 vs V3): the venue names the mismatch so
    // the client re-reads GET /version, rather than calling the signature bad.
    if (wanted != 1) {
      auto other = order;
      other.version =
          wanted == 2 ? polymarket::ProtocolVersion::v3 : polymarket::ProtocolVersion::v2;
      const auto as_other = polymarket::verify_order_signature(other, received.signature);
      if (as_other && as_other->signed_by == key.address) {
        return {400, refused("order_version_mismatch: this market takes version " +
                             std::to_string(wanted) + " orders")};
      }
    }
    return {400, refused("invalid signature")};
  }
  if (verified->signed_by != key.address)
    return {400, refused("the order signer address has to be the address of the API KEY")};
  PlaceRequest request;
  request.order = polymarket::SignedOrder{order, verified->hash, received.signature};
  request.order_type = received.post.order_type;
  request.post_only = received.post.post_only;
  request.owner = key.credentials.key;
  request.signed_by = verified->signed_by;
  const PlaceResult result = ctx.venue.place(request);
  if (result.http_status != 200) return {result.http_status, refused(result.error_msg)};
  return {result.http_status, wire::order_response(result)};
}

std::optional<std::vector<chain::Bytes32>> order_ids(const nlohmann::json& list) {
  if (!list.is_array()) return std::nullopt;
  std::vector<chain::Bytes32> ids;
  for (const auto& item : list) {
    if (!item.is_string()) return std::nullopt;
    const auto id = parse_condition(item.get<std::string>());
    if (!id) return std::nullopt;
    ids.push_back(*id);
  }
  return ids;
}

// ?market= and ?asset_id= (and ?id=) filters shared by /data/orders and /data/trades.
template <class Filter>
std::optional<std::string> read_filter(const HttpRequest& r, Filter& f) {
  if (const auto it = r.query.find("market"); it != r.query.end() && !it->second.empty()) {
    const auto id = parse_condition(it->second);
    if (!id) return "Invalid market";
    f.market = *id;
  }
  if (const auto it = r.query.find("asset_id"); it != r.query.end() && !it->second.empty()) {
    const auto id = parse_token(it->second);
    if (!id) return "Invalid asset id";
    f.asset_id = *id;
  }
  return std::nullopt;
}

}  // namespace

void add_clob_order_routes(service::Router& router, SimContext& ctx) {
  router.add("POST", "/order", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      auto received = polymarket::parse_order_envelope(r.body);
      if (!received) return venue_error(400, "Invalid order payload: " + received.error().message);
      auto checked = post_one(ctx, key, std::move(*received));
      // A refused order answers {"error": text} like every non-2xx (protocol doc 6).
      if (checked.status != 200) return venue_error(checked.status, checked.body["errorMsg"]);
      return json_response(checked.status, std::move(checked.body));
    });
  });
  router.add("POST", "/orders", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      auto received = polymarket::parse_order_envelopes(r.body);
      if (!received) return venue_error(400, "Invalid order payload: " + received.error().message);
      if (received->empty() || received->size() > kMaxBatchOrders)
        return venue_error(400, "Payload exceeds the limit");
      nlohmann::json out = nlohmann::json::array();
      for (auto& one : *received) out.push_back(post_one(ctx, key, std::move(one)).body);
      return json_response(200, out);
    });
  });
  router.add("DELETE", "/order", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      const auto body = json_body(r);
      if (!body || !body->is_object() || !body->contains("orderID") ||
          !(*body)["orderID"].is_string())
        return venue_error(400, "Invalid payload");
      const auto id = parse_condition((*body)["orderID"].get<std::string>());
      if (!id) return venue_error(400, "Invalid order id");
      return json_response(200,
                           wire::cancel_response(ctx.venue.cancel(key.credentials.key, {*id})));
    });
  });
  router.add("DELETE", "/orders", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      const auto body = json_body(r);
      const auto ids = body ? order_ids(*body) : std::nullopt;
      if (!ids) return venue_error(400, "Invalid payload");
      return json_response(200, wire::cancel_response(ctx.venue.cancel(key.credentials.key, *ids)));
    });
  });
  router.add("DELETE", "/cancel-all", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      return json_response(200, wire::cancel_response(ctx.venue.cancel_all(key.credentials.key)));
    });
  });
  router.add("DELETE", "/cancel-market-orders", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      const auto body = json_body(r);
      if (!body || !body->is_object()) return venue_error(400, "Invalid payload");
      std::optional<chain::Bytes32> market;
      std::optional<chain::Uint256> asset;
      if (const auto it = body->find("market"); it != body->end() && it->is_string()) {
        const auto id = parse_condition(it->get<std::string>());
        if (!id) return venue_error(400, "Invalid market");
        market = *id;
      }
      if (const auto it = body->find("asset_id"); it != body->end() && it->is_string()) {
        const auto id = parse_token(it->get<std::string>());
        if (!id) return venue_error(400, "Invalid asset id");
        asset = *id;
      }
      if (!market && !asset) return venue_error(400, "Invalid payload");
      return json_response(
          200, wire::cancel_response(ctx.venue.cancel_market(key.credentials.key, market, asset)));
    });
  });
  router.add("GET", "/data/order/{id}", [&ctx](const HttpRequest& r, const PathParams& p) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      const auto id = parse_condition(p.at("id"));
      if (!id) return venue_error(400, "Invalid order id");
      const auto order = ctx.venue.order(key.credentials.key, *id);
      if (!order) return json_response(200, nullptr);  // the venue answers null, not 404
      const auto market = ctx.venue.market_by_condition(order->condition_id);
      return json_response(200, wire::open_order(*order, *market));
    });
  });
  router.add("GET", "/data/orders", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      OrderFilter filter;
      if (const auto problem = read_filter(r, filter)) return venue_error(400, *problem);
      if (const auto it = r.query.find("id"); it != r.query.end() && !it->second.empty()) {
        const auto id = parse_condition(it->second);
        if (!id) return venue_error(400, "Invalid order id");
        filter.id = *id;
      }
      std::vector<nlohmann::json> items;
      for (const auto& order : ctx.venue.open_orders(key.credentials.key, filter)) {
        const auto market = ctx.venue.market_by_condition(order.condition_id);
        items.push_back(wire::open_order(order, *market));
      }
      return cursor_page(r, std::move(items), kPageSize);
    });
  });
  router.add("GET", "/data/trades", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      TradeFilter filter;
      if (const auto problem = read_filter(r, filter)) return venue_error(400, *problem);
      if (const auto it = r.query.find("id"); it != r.query.end() && !it->second.empty())
        filter.id = it->second;
      for (const auto* name : {"before", "after"}) {
        const auto it = r.query.find(name);
        if (it == r.query.end() || it->second.empty()) continue;
        std::int64_t value = 0;
        const auto [end, ec] =
            std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
        if (ec != std::errc{} || end != it->second.data() + it->second.size())
          return venue_error(400, std::string("Invalid ") + name);
        (std::string_view(name) == "before" ? filter.before_s : filter.after_s) = value;
      }
      std::vector<nlohmann::json> items;
      for (const auto& trade : ctx.venue.trades(key.credentials.key, filter)) {
        const auto market = ctx.venue.market_by_condition(trade.condition_id);
        items.push_back(wire::trade(trade, key.credentials.key, *market));
      }
      return cursor_page(r, std::move(items), kPageSize);
    });
  });
}

}  // namespace polycopy::sim
