// Scenario -> document text. Keys keep a reading order (ordered_json); money is written as
// decimal strings so no reader ever sees a binary float.
#include <nlohmann/json.hpp>

#include "chain/hex.hpp"
#include "sim/scenario/scenario_json.hpp"
#include "sim/scenario/scenario_time.hpp"

namespace polycopy::sim {
namespace {

using Json = nlohmann::ordered_json;

Json levels_json(const std::vector<BookLevel>& levels) {
  Json out = Json::array();
  for (const auto& level : levels)
    out.push_back(Json::array({level.price.to_string(), level.size.to_string()}));
  return out;
}

Json outcome_json(const ScenarioOutcome& outcome) {
  return Json{{"name", outcome.name},
              {"token_id", outcome.token_id.to_decimal()},
              {"price", outcome.price.to_string()},
              {"bids", levels_json(outcome.bids)},
              {"asks", levels_json(outcome.asks)}};
}

Json event_json(const ScenarioEvent& event) {
  return Json{
      {"id", event.id}, {"slug", event.slug}, {"title", event.title}, {"neg_risk", event.neg_risk}};
}

Json market_json(const ScenarioMarket& market) {
  Json out{{"gamma_id", market.gamma_id},
           {"condition_id", chain::to_hex(market.condition_id)},
           {"question_id", chain::to_hex(market.question_id)},
           {"question", market.question},
           {"slug", market.slug},
           {"category", market.category},
           {"event_id", market.event_id},
           {"outcomes",
            Json::array({outcome_json(market.outcomes[0]), outcome_json(market.outcomes[1])})},
           {"tick_size", std::string(polymarket::to_string(market.tick))},
           {"min_order_size", market.min_order_size.to_string()},
           {"neg_risk", market.neg_risk},
           {"order_version", market.order_version},
           {"end_date", format_scenario_time(market.end_date)},
           {"closed", market.closed}};
  if (market.winner) out["winner"] = *market.winner;
  return out;
}

Json trader_json(const ScenarioTrader& trader) {
  return Json{{"wallet", chain::to_hex(trader.wallet)},
              {"name", trader.name},
              {"win_rate", trader.win_rate.to_string()},
              {"min_trade", trader.min_trade.to_string()},
              {"max_trade", trader.max_trade.to_string()},
              {"categories", trader.categories},
              {"mean_interval_seconds", trader.mean_interval.count()}};
}

Json trade_json(const TimelineTrade& trade) {
  return Json{{"at", format_scenario_time(trade.at)},
              {"trader", chain::to_hex(trade.trader)},
              {"token_id", trade.token_id.to_decimal()},
              {"side", std::string(polymarket::to_string(trade.side))},
              {"price", trade.price.to_string()},
              {"size", trade.size.to_string()}};
}

Json resolution_json(const TimelineResolution& resolution) {
  return Json{{"at", format_scenario_time(resolution.at)},
              {"condition_id", chain::to_hex(resolution.condition_id)},
              {"winner", resolution.winner}};
}

template <class T, class ToJson>
Json list_json(const std::vector<T>& items, ToJson to_json) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

std::string write_scenario_json(const Scenario& scenario) {
  const Json document{{"seed", scenario.seed},
                      {"start", format_scenario_time(scenario.start)},
                      {"speed", scenario.speed},
                      {"server_version", scenario.server_version},
                      {"default_balance", scenario.default_balance.to_string()},
                      {"default_allowance", scenario.default_allowance.to_string()},
                      {"events", list_json(scenario.events, event_json)},
                      {"markets", list_json(scenario.markets, market_json)},
                      {"traders", list_json(scenario.traders, trader_json)},
                      {"trades", list_json(scenario.trades, trade_json)},
                      {"resolutions", list_json(scenario.resolutions, resolution_json)}};
  return document.dump(2) + "\n";
}

}  // namespace polycopy::sim
