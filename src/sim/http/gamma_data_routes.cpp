// Gamma (protocol doc 3: markets, events) and the Data API (doc 4: trades, activity,
// positions, value, leaderboard), served under /gamma and /data.
#include <map>

#include "chain/address.hpp"
#include "sim/http/route_helpers.hpp"

namespace polycopy::sim {
namespace {

using service::HttpRequest;
using service::HttpResponse;
using service::json_response;
using service::PathParams;

// Deep offsets are refused as on the live Data API (protocol doc 4).
constexpr std::size_t kMaxDataOffset = 3000;

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    if (end > start) out.push_back(text.substr(start, end - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<bool> query_bool(const HttpRequest& r, const std::string& name) {
  const auto it = r.query.find(name);
  if (it == r.query.end()) return std::nullopt;
  return it->second == "true";
}

// Whether value is among a list filter's values: the parameter repeated
// (condition_ids=a&condition_ids=b, as Gamma takes lists) or comma-separated; no filter
// (absent or empty) lets everything through.
bool in_list(const HttpRequest& r, const std::string& name, const std::string& value) {
  bool filtered = false;
  for (const auto& given : r.query_values(name)) {
    for (const auto& item : split_list(given)) {
      filtered = true;
      if (item == value) return true;
    }
  }
  return !filtered;
}

// Gamma's market filters (a list may be comma-separated).
bool market_matches(const HttpRequest& r, const MarketState& m) {
  const auto& mk = m.market;
  if (const auto closed = query_bool(r, "closed"); closed && *closed != mk.closed) return false;
  if (const auto active = query_bool(r, "active"); active && *active == mk.closed) return false;
  return in_list(r, "id", mk.gamma_id) && in_list(r, "slug", mk.slug) &&
         in_list(r, "condition_ids", wire::text(mk.condition_id)) &&
         (in_list(r, "clob_token_ids", mk.outcomes[0].token_id.to_decimal()) ||
          in_list(r, "clob_token_ids", mk.outcomes[1].token_id.to_decimal())) &&
         in_list(r, "tag", mk.category);
}

template <class T>
nlohmann::json slice(const std::vector<T>& items, const LimitOffset& page) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = page.offset; i < items.size() && i < page.offset + page.limit; ++i)
    out.push_back(items[i]);
  return out;
}

std::optional<chain::Address> query_user(const HttpRequest& r) {
  const auto it = r.query.find("user");
  if (it == r.query.end()) return std::nullopt;
  const auto address = chain::parse_address(it->second);
  if (!address) return std::nullopt;
  return *address;
}

std::string trader_name(const Scenario& scenario, const chain::Address& wallet) {
  for (const auto& t : scenario.traders)
    if (t.wallet == wallet) return t.name;
  return "";
}

std::vector<MarketState> event_markets(const std::vector<MarketState>& all, const std::string& id) {
  std::vector<MarketState> out;
  for (const auto& m : all)
    if (m.market.event_id == id) out.push_back(m);
  return out;
}

// Runs f(wallet, page) for /trades, /activity, /positions: user and paging checked.
template <class F>
HttpResponse for_user(const HttpRequest& r, std::size_t default_limit, std::size_t max_limit, F f) {
  const auto user = query_user(r);
  if (!user) return venue_error(400, "user is required: a 0x address");
  const auto page = limit_offset(r, default_limit, max_limit, kMaxDataOffset);
  if (!page) return venue_error(400, page.error().message);
  return f(*user, *page);
}

}  // namespace

void add_gamma_routes(service::Router& router, SimContext& ctx) {
  router.add("GET", "/markets", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto page = limit_offset(r, 20, 500, 100'000);
    if (!page) return venue_error(422, page.error().message);
    std::vector<nlohmann::json> items;
    for (const auto& m : ctx.venue.markets())
      if (market_matches(r, m)) items.push_back(wire::gamma_market(m, ctx.venue.scenario()));
    return json_response(200, slice(items, *page));
  });
  router.add("GET", "/markets/{id}", [&ctx](const HttpRequest&, const PathParams& p) {
    for (const auto& m : ctx.venue.markets())
      if (m.market.gamma_id == p.at("id"))
        return json_response(200, wire::gamma_market(m, ctx.venue.scenario()));
    return venue_error(404, "market not found");
  });
  router.add("GET", "/events", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto page = limit_offset(r, 20, 500, 100'000);
    if (!page) return venue_error(422, page.error().message);
    const auto markets = ctx.venue.markets();
    std::vector<nlohmann::json> items;
    for (const auto& e : ctx.venue.scenario().events) {
      if (!in_list(r, "id", e.id) || !in_list(r, "slug", e.slug)) continue;
      auto shaped = wire::gamma_event(e, event_markets(markets, e.id), ctx.venue.scenario());
      if (const auto closed = query_bool(r, "closed"); closed && *closed != shaped["closed"])
        continue;
      items.push_back(std::move(shaped));
    }
    return json_response(200, slice(items, *page));
  });
  router.add("GET", "/events/{id}", [&ctx](const HttpRequest&, const PathParams& p) {
    for (const auto& e : ctx.venue.scenario().events)
      if (e.id == p.at("id"))
        return json_response(200, wire::gamma_event(e, event_markets(ctx.venue.markets(), e.id),
                                                    ctx.venue.scenario()));
    return venue_error(404, "event not found");
  });
}

void add_data_routes(service::Router& router, SimContext& ctx) {
  // Rows of one wallet, filtered by ?side= and ?market=, shaped by f.
  const auto rows = [&ctx](const HttpRequest& r, const chain::Address& user,
                           std::optional<std::string>& problem) {
    std::optional<polymarket::Side> side;
    std::optional<chain::Bytes32> market;
    if (const auto it = r.query.find("side"); it != r.query.end() && !it->second.empty()) {
      side = polymarket::parse_side(it->second);
      if (!side) problem = "side must be BUY or SELL";
    }
    if (const auto it = r.query.find("market"); it != r.query.end() && !it->second.empty()) {
      const auto id = parse_condition(it->second);
      if (!id)
        problem = "market must be a condition id";
      else
        market = *id;
    }
    return ctx.venue.data_trades(user, side, market);
  };
  // /trades and /activity: the wallet's rows (activity: TRADE rows only happen here).
  const auto rows_route = [&ctx, rows](bool activity) {
    return [&ctx, rows, activity](const HttpRequest& r, const PathParams&) {
      return for_user(
          r, 100, activity ? 500 : 10'000,
          [&](const chain::Address& user, const LimitOffset& page) {
            if (const auto type = r.query.find("type"); activity && type != r.query.end() &&
                                                        !type->second.empty() &&
                                                        type->second != "TRADE")
              return json_response(200, nlohmann::json::array());
            std::optional<std::string> problem;
            const auto found = rows(r, user, problem);
            if (problem) return venue_error(400, *problem);
            const std::string name = trader_name(ctx.venue.scenario(), user);
            std::vector<nlohmann::json> items;
            for (std::size_t i = page.offset; i < found.size() && items.size() < page.limit; ++i) {
              const auto market = ctx.venue.market_by_condition(found[i].condition_id);
              items.push_back(activity ? wire::data_activity(found[i], *market, name)
                                       : wire::data_trade(found[i], *market, name));
            }
            return json_response(200, items);
          });
    };
  };
  router.add("GET", "/trades", rows_route(false));
  router.add("GET", "/activity", rows_route(true));
  router.add("GET", "/positions", [&ctx](const HttpRequest& r, const PathParams&) {
    return for_user(r, 100, 500, [&](const chain::Address& user, const LimitOffset& page) {
      std::vector<nlohmann::json> items;
      for (const auto& p : ctx.venue.positions(user)) {
        if (!in_list(r, "market", wire::text(p.condition_id))) continue;
        items.push_back(wire::data_position(p, *ctx.venue.market_by_condition(p.condition_id)));
      }
      return json_response(200, slice(items, page));
    });
  });
  router.add("GET", "/value", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto user = query_user(r);
    if (!user) return venue_error(400, "user is required: a 0x address");
    std::int64_t value = 0;
    for (const auto& p : ctx.venue.positions(*user))
      value += core::notional(p.size, p.current_price, core::Rounding::nearest).micros();
    return json_response(200, nlohmann::json::array({{{"user", wire::text(*user)},
                                                      {"value", wire::wire_number(value)}}}));
  });
  router.add("GET", "/v1/leaderboard", [&ctx](const HttpRequest& r, const PathParams&) {
    static const std::map<std::string, LeaderboardPeriod> kPeriods{
        {"DAY", LeaderboardPeriod::day},
        {"WEEK", LeaderboardPeriod::week},
        {"MONTH", LeaderboardPeriod::month},
        {"ALL", LeaderboardPeriod::all}};
    const auto period = r.query.count("timePeriod") ? r.query.at("timePeriod") : "DAY";
    const auto order = r.query.count("orderBy") ? r.query.at("orderBy") : "PNL";
    if (!kPeriods.count(period))
      return venue_error(400, "timePeriod must be DAY, WEEK, MONTH or ALL");
    if (order != "PNL" && order != "VOL") return venue_error(400, "orderBy must be PNL or VOL");
    const auto page = limit_offset(r, 25, 50, 1000);
    if (!page) return venue_error(400, page.error().message);
    std::vector<nlohmann::json> items;
    for (const auto& row :
         ctx.venue.leaderboard(kPeriods.at(period),
                               order == "PNL" ? LeaderboardOrder::pnl : LeaderboardOrder::volume))
      items.push_back(wire::leaderboard_entry(row));
    return json_response(200, slice(items, *page));
  });
}

}  // namespace polycopy::sim
