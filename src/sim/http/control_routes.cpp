// Controls for tests and demos, under /sim: read the state, advance the clock, resolve a
// market, place a trader's trade, fund a wallet, inject and clear faults.
#include "chain/address.hpp"
#include "service/time_format.hpp"
#include "sim/http/route_helpers.hpp"

namespace polycopy::sim {
namespace {

using nlohmann::json;
using service::HttpRequest;
using service::HttpResponse;
using service::json_response;
using service::PathParams;

// A JSON object body, or the 400 to answer.
std::optional<json> object_body(const HttpRequest& r) {
  auto body = json_body(r);
  if (!body || !body->is_object()) return std::nullopt;
  return body;
}

// A decimal given as a string or a number, read exactly.
template <class T>
std::optional<T> decimal_field(const json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end()) return std::nullopt;
  const std::string text = it->is_string()   ? it->get<std::string>()
                           : it->is_number() ? it->dump()
                                             : "";
  auto value = T::parse(text);
  if (!value) return std::nullopt;
  return *value;
}

HttpResponse bad(std::string text) {
  return venue_error(400, std::move(text));
}

}  // namespace

void add_control_routes(service::Router& router, SimContext& ctx) {
  router.add("GET", "/state", [&ctx](const HttpRequest&, const PathParams&) {
    const auto now = ctx.clock.now();
    std::size_t open = 0;
    for (const auto& m : ctx.venue.markets()) open += m.market.closed ? 0 : 1;
    json faults = json::array();
    for (const auto& f : ctx.faults.list()) faults.push_back(fault_json(f));
    return json_response(200, {{"now", service::format_iso8601(now)},
                               {"now_ms", core::to_unix_ms(now)},
                               {"speed", ctx.clock.speed()},
                               {"seed", ctx.venue.scenario().seed},
                               {"markets", ctx.venue.markets().size()},
                               {"open_markets", open},
                               {"traders", ctx.venue.scenario().traders.size()},
                               {"faults", faults}});
  });
  router.add("POST", "/clock/advance", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto body = object_body(r);
    if (!body || !body->contains("seconds") || !(*body)["seconds"].is_number_integer() ||
        (*body)["seconds"].get<std::int64_t>() < 0 ||
        (*body)["seconds"].get<std::int64_t>() > 10LL * 365 * 86400)
      return bad("seconds must be an integer between 0 and ten years");
    ctx.clock.advance(std::chrono::seconds((*body)["seconds"].get<std::int64_t>()));
    ctx.venue.advance();
    return json_response(200, {{"now", service::format_iso8601(ctx.clock.now())},
                               {"now_ms", core::to_unix_ms(ctx.clock.now())}});
  });
  router.add("POST", "/markets/{condition_id}/resolve",
             [&ctx](const HttpRequest& r, const PathParams& p) {
               const auto id = parse_condition(p.at("condition_id"));
               if (!id) return bad("the market must be a condition id (0x + 64 hex)");
               const auto body = object_body(r);
               if (!body || !body->contains("winner") || !(*body)["winner"].is_number_integer())
                 return bad("winner must be the outcome index, 0 or 1");
               const auto status = ctx.venue.resolve(*id, (*body)["winner"].get<int>());
               if (!status) {
                 const int code = status.error().code == "unknown_market" ? 404 : 400;
                 return venue_error(code, status.error().code + ": " + status.error().message);
               }
               return json_response(200, {{"resolved", wire::text(*id)}});
             });
  router.add(
      "POST", "/markets/{condition_id}/tick-size",
      [&ctx](const HttpRequest& r, const PathParams& p) {
        const auto id = parse_condition(p.at("condition_id"));
        if (!id) return bad("the market must be a condition id (0x + 64 hex)");
        const auto body = object_body(r);
        const auto tick = body && body->contains("tick_size") && (*body)["tick_size"].is_string()
                              ? polymarket::parse_tick_size((*body)["tick_size"].get<std::string>(),
                                                            polymarket::ProtocolVersion::v2)
                              : std::nullopt;
        if (!tick) return bad("tick_size must be \"0.1\", \"0.01\", \"0.001\" or \"0.0001\"");
        const auto status = ctx.venue.set_tick_size(*id, *tick);
        if (!status) return venue_error(404, status.error().code + ": " + status.error().message);
        return json_response(200, {{"tick_size", std::string(polymarket::to_string(*tick))}});
      });
  router.add("POST", "/trades", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto body = object_body(r);
    if (!body) return bad("the body must be a JSON object");
    const auto trader = body->contains("trader") && (*body)["trader"].is_string()
                            ? chain::parse_address((*body)["trader"].get<std::string>())
                            : core::Result<chain::Address>(core::Error{"missing", "trader"});
    if (!trader) return bad("trader must be an address");
    const auto token = body->contains("token_id") && (*body)["token_id"].is_string()
                           ? parse_token((*body)["token_id"].get<std::string>())
                           : core::Result<chain::Uint256>(core::Error{"missing", "token_id"});
    if (!token) return bad("token_id must be a decimal token id");
    const auto side = body->contains("side") && (*body)["side"].is_string()
                          ? polymarket::parse_side((*body)["side"].get<std::string>())
                          : std::nullopt;
    if (!side) return bad("side must be BUY or SELL");
    const auto price = decimal_field<core::Price>(*body, "price");
    const auto size = decimal_field<core::Shares>(*body, "size");
    if (!price || !size) return bad("price (0..1) and size (shares) are required decimals");
    const auto status = ctx.venue.trader_trade(*trader, *token, *side, *price, *size);
    if (!status) return bad(status.error().code + ": " + status.error().message);
    return json_response(200, {{"recorded", true}});
  });
  router.add("POST", "/wallets/{address}/fund", [&ctx](const HttpRequest& r, const PathParams& p) {
    const auto wallet = chain::parse_address(p.at("address"));
    if (!wallet) return bad("the wallet must be an address");
    const auto body = object_body(r);
    if (!body) return bad("the body must be a JSON object");
    const auto balance = decimal_field<core::Usd>(*body, "balance");
    const auto allowance = decimal_field<core::Usd>(*body, "allowance");
    if (!balance || balance->micros() < 0) return bad("balance must be a non-negative decimal");
    ctx.venue.fund(*wallet, *balance, allowance.value_or(*balance));
    return json_response(200, {{"funded", wire::text(*wallet)}});
  });
  router.add("POST", "/faults", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto body = json_body(r);
    if (!body) return bad("the body must be JSON");
    auto fault = parse_fault(*body);
    if (!fault) return bad(fault.error().code + ": " + fault.error().message);
    ctx.faults.add(*fault);
    return json_response(200, fault_json(*fault));
  });
  router.add("DELETE", "/faults", [&ctx](const HttpRequest&, const PathParams&) {
    ctx.faults.clear();
    return json_response(200, {{"cleared", true}});
  });
}

}  // namespace polycopy::sim
