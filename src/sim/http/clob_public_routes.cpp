// CLOB public market data (protocol doc 5): time, version, books, prices, markets.
#include "sim/http/route_helpers.hpp"

namespace polycopy::sim {
namespace {

using nlohmann::json;
using service::HttpRequest;
using service::HttpResponse;
using service::json_response;
using service::PathParams;

constexpr std::size_t kMaxBatch = 500;  // the venue's batch limit for /books, /prices

// The token a request names in ?token_id=.
core::Result<chain::Uint256> query_token(const HttpRequest& r) {
  const auto it = r.query.find("token_id");
  if (it == r.query.end()) return core::Error{"invalid_token_id", "Invalid token id"};
  return parse_token(it->second);
}

std::optional<core::Price> best(const std::vector<BookLevel>& levels) {
  if (levels.empty()) return std::nullopt;
  return levels.front().price;
}

// Best bid for BUY, best ask for SELL (the venue's /price semantics).
std::optional<core::Price> side_price(const BookSnapshot& b, polymarket::Side side) {
  return side == polymarket::Side::buy ? best(b.bids) : best(b.asks);
}

std::optional<core::Price> midpoint(const BookSnapshot& b) {
  const auto bid = best(b.bids);
  const auto ask = best(b.asks);
  if (!bid || !ask) return bid ? bid : ask;
  return core::Price::from_micros((bid->micros() + ask->micros()) / 2).value();
}

// Runs f(book) for the token in ?token_id=, answering the venue's errors.
template <class F>
HttpResponse with_book(SimContext& ctx, const HttpRequest& r, F f) {
  const auto token = query_token(r);
  if (!token) return venue_error(400, "Invalid token id");
  const auto book = ctx.venue.book(*token);
  if (!book) return venue_error(404, std::string(kNoOrderbook));
  return f(*book);
}

core::Result<std::vector<json>> batch_items(const HttpRequest& r) {
  const json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded() || !body.is_array() || body.empty())
    return core::Error{"400", "Invalid payload"};
  if (body.size() > kMaxBatch) return core::Error{"400", "Payload exceeds the limit"};
  return std::vector<json>(body.begin(), body.end());
}

}  // namespace

void add_clob_public_routes(service::Router& router, SimContext& ctx) {
  router.add("GET", "/",
             [](const HttpRequest&, const PathParams&) { return json_response(200, "OK"); });
  router.add("GET", "/ok",
             [](const HttpRequest&, const PathParams&) { return json_response(200, "OK"); });
  router.add("GET", "/time", [&ctx](const HttpRequest&, const PathParams&) {
    return json_response(200, core::to_unix_ms(ctx.clock.now()) / 1000);
  });
  router.add("GET", "/version", [&ctx](const HttpRequest&, const PathParams&) {
    return json_response(200, {{"version", ctx.venue.scenario().server_version}});
  });
  router.add("GET", "/book", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_book(ctx, r,
                     [](const BookSnapshot& b) { return json_response(200, wire::book(b)); });
  });
  router.add("POST", "/books", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto items = batch_items(r);
    if (!items) return venue_error(400, items.error().message);
    json out = json::array();
    for (const auto& item : *items) {
      if (!item.is_object() || !item.contains("token_id") || !item["token_id"].is_string())
        return venue_error(400, "Invalid payload");
      const auto token = parse_token(item["token_id"].get<std::string>());
      if (!token) return venue_error(400, "Invalid token id");
      if (const auto book = ctx.venue.book(*token)) out.push_back(wire::book(*book));
    }
    return json_response(200, out);
  });
  router.add("GET", "/price", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto side = r.query.find("side");
    const auto parsed = side == r.query.end() ? std::nullopt : polymarket::parse_side(side->second);
    if (!parsed) return venue_error(400, "Invalid side");
    return with_book(ctx, r, [&](const BookSnapshot& b) {
      const auto price = side_price(b, *parsed);
      if (!price) return venue_error(404, std::string(kNoOrderbook));
      return json_response(200, {{"price", price->to_string()}});
    });
  });
  router.add("POST", "/prices", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto items = batch_items(r);
    if (!items) return venue_error(400, items.error().message);
    json out = json::object();
    for (const auto& item : *items) {
      if (!item.is_object() || !item.contains("token_id") || !item["token_id"].is_string() ||
          !item.contains("side") || !item["side"].is_string())
        return venue_error(400, "Invalid payload");
      const auto token = parse_token(item["token_id"].get<std::string>());
      const auto side = polymarket::parse_side(item["side"].get<std::string>());
      if (!token) return venue_error(400, "Invalid token id");
      if (!side) return venue_error(400, "Invalid side");
      const auto book = ctx.venue.book(*token);
      if (!book) continue;
      if (const auto price = side_price(*book, *side))
        out[token->to_decimal()][item["side"].get<std::string>()] = price->to_string();
    }
    return json_response(200, out);
  });
  router.add("GET", "/midpoint", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_book(ctx, r, [](const BookSnapshot& b) {
      const auto mid = midpoint(b);
      if (!mid) return venue_error(404, std::string(kNoOrderbook));
      return json_response(200, {{"mid", mid->to_string()}});
    });
  });
  router.add("POST", "/midpoints", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto items = batch_items(r);
    if (!items) return venue_error(400, items.error().message);
    json out = json::object();
    for (const auto& item : *items) {
      if (!item.is_object() || !item.contains("token_id") || !item["token_id"].is_string())
        return venue_error(400, "Invalid payload");
      const auto token = parse_token(item["token_id"].get<std::string>());
      if (!token) return venue_error(400, "Invalid token id");
      const auto book = ctx.venue.book(*token);
      if (!book) continue;
      if (const auto mid = midpoint(*book)) out[token->to_decimal()] = mid->to_string();
    }
    return json_response(200, out);
  });
  router.add("GET", "/spread", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_book(ctx, r, [](const BookSnapshot& b) {
      const auto bid = best(b.bids);
      const auto ask = best(b.asks);
      if (!bid || !ask) return venue_error(404, std::string(kNoOrderbook));
      return json_response(200, {{"spread", core::format_micros(ask->micros() - bid->micros())}});
    });
  });
  router.add("GET", "/last-trade-price", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_book(ctx, r, [](const BookSnapshot& b) {
      return json_response(200, {{"price", b.last_trade_price ? b.last_trade_price->to_string()
                                                              : std::string("0.5")},
                                 {"side", ""}});
    });
  });
  router.add("GET", "/tick-size", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_book(ctx, r, [](const BookSnapshot& b) {
      return json_response(
          200, {{"minimum_tick_size", wire::wire_number(polymarket::tick_price(b.tick).micros())}});
    });
  });
  router.add("GET", "/neg-risk", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_book(ctx, r, [](const BookSnapshot& b) {
      return json_response(200, {{"neg_risk", b.neg_risk}});
    });
  });
  router.add("GET", "/fee-rate", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_book(ctx, r, [](const BookSnapshot&) {
      return json_response(200, {{"base_fee", 0}});
    });
  });
  router.add("GET", "/markets", [&ctx](const HttpRequest& r, const PathParams&) {
    return markets_page(ctx, r, [](const MarketState& m) { return wire::clob_market(m); });
  });
  router.add("GET", "/markets/{condition_id}", [&ctx](const HttpRequest&, const PathParams& p) {
    const auto market = find_market(ctx, p.at("condition_id"));
    if (!market) return venue_error(404, "market not found");
    return json_response(200, wire::clob_market(*market));
  });
  router.add("GET", "/clob-markets/{condition_id}",
             [&ctx](const HttpRequest&, const PathParams& p) {
               const auto market = find_market(ctx, p.at("condition_id"));
               if (!market) return venue_error(404, "market not found");
               return json_response(200, wire::clob_market_compact(*market));
             });
  router.add("GET", "/markets-by-token/{token_id}",
             [&ctx](const HttpRequest&, const PathParams& p) {
               const auto token = parse_token(p.at("token_id"));
               if (!token) return venue_error(400, "Invalid token id");
               const auto market = ctx.venue.market_by_token(*token);
               if (!market) return venue_error(404, "market not found");
               return json_response(
                   200, {{"condition_id", wire::text(market->market.condition_id)},
                         {"primary_token_id", market->market.outcomes[0].token_id.to_decimal()},
                         {"secondary_token_id", market->market.outcomes[1].token_id.to_decimal()}});
             });
}

}  // namespace polycopy::sim
