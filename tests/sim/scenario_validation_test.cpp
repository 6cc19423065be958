// Every kind of problem in a scenario document is reported with its path, all at once.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>

#include "sim/scenario/scenario_generator.hpp"
#include "sim/scenario/scenario_json.hpp"
#include "sim/scenario/scenario_validate.hpp"

namespace polycopy::sim {
namespace {

using nlohmann::json;

constexpr const char* kTokenA = "1001";
constexpr const char* kTokenB = "1002";
constexpr const char* kTokenC = "2001";
constexpr const char* kTokenD = "2002";
constexpr const char* kConditionA =
    "0x00000000000000000000000000000000000000000000000000000000000000aa";
constexpr const char* kConditionB =
    "0x00000000000000000000000000000000000000000000000000000000000000bb";
constexpr const char* kWalletA = "0x00000000000000000000000000000000000000a1";
constexpr const char* kWalletB = "0x00000000000000000000000000000000000000b2";

json outcome(const char* name, const char* token, const char* price, json bids, json asks) {
  return json{
      {"name", name}, {"token_id", token}, {"price", price}, {"bids", bids}, {"asks", asks}};
}

// A small valid document; each case breaks one thing.
json valid_document() {
  return json{
      {"start", "2026-11-01T12:00:00Z"},
      {"events", json::array({json{{"id", "e1"}, {"title", "Event"}, {"neg_risk", false}}})},
      {"markets",
       json::array({json{{"gamma_id", "1"},
                         {"condition_id", kConditionA},
                         {"question", "A?"},
                         {"event_id", "e1"},
                         {"end_date", "2026-11-05T00:00:00Z"},
                         {"outcomes",
                          json::array({outcome("Yes", kTokenA, "0.6", json::array({{"0.59", "10"}}),
                                               json::array({{"0.61", "10"}})),
                                       outcome("No", kTokenB, "0.4", json::array({{"0.39", "10"}}),
                                               json::array({{"0.41", "10"}}))})}},
                    json{{"gamma_id", "2"},
                         {"condition_id", kConditionB},
                         {"question", "B?"},
                         {"tick_size", "0.1"},
                         {"end_date", "2026-11-06T00:00:00Z"},
                         {"outcomes", json::array({outcome("Yes", kTokenC, "0.5", json::array(),
                                                           json::array({{"0.6", "10"}})),
                                                   outcome("No", kTokenD, "0.5", json::array(),
                                                           json::array())})}}})},
      {"traders", json::array({json{{"wallet", kWalletA}}, json{{"wallet", kWalletB}}})},
      {"trades", json::array({json{{"at", "2026-11-01T13:00:00Z"},
                                   {"trader", kWalletA},
                                   {"token_id", kTokenA},
                                   {"side", "BUY"},
                                   {"price", "0.6"},
                                   {"size", "10"}}})},
      {"resolutions",
       json::array(
           {json{{"at", "2026-11-05T00:00:00Z"}, {"condition_id", kConditionA}, {"winner", 0}}})}};
}

std::string problems_of(const json& document) {
  const auto result = scenario_from_json(document);
  if (result.ok()) return "";
  EXPECT_EQ(result.error().code, "invalid_scenario");
  return result.error().message;
}

struct ProblemCase {
  const char* name;
  std::function<void(json&)> mutate;
  const char* expected;  // "path: what" (a prefix of what is enough)
};

void PrintTo(const ProblemCase& c, std::ostream* os) {
  *os << c.name;
}

json& market(json& d, int i) {
  return d["markets"][static_cast<std::size_t>(i)];
}
json& yes(json& d, int i) {
  return market(d, i)["outcomes"][0];
}

const ProblemCase kCases[] = {
    {"unknown_top_level_key", [](json& d) { d["colour"] = "red"; }, "colour: unknown key"},
    {"unknown_nested_key", [](json& d) { market(d, 0)["outcomes"][1]["tokenid"] = "5"; },
     "markets[0].outcomes[1].tokenid: unknown key"},
    {"missing_start", [](json& d) { d.erase("start"); }, "start: missing"},
    {"missing_token_id", [](json& d) { market(d, 1)["outcomes"][1].erase("token_id"); },
     "markets[1].outcomes[1].token_id: missing"},
    {"wrong_type", [](json& d) { market(d, 0)["closed"] = "yes"; },
     "markets[0].closed: expected true or false"},
    {"token_id_as_number", [](json& d) { yes(d, 0)["token_id"] = 1001; },
     "markets[0].outcomes[0].token_id: expected a uint256 as a decimal string"},
    {"bad_time", [](json& d) { d["start"] = "2026-13-01T00:00:00Z"; },
     "start: expected an ISO-8601"},
    {"bad_condition_id", [](json& d) { market(d, 0)["condition_id"] = "0x12"; },
     "markets[0].condition_id: expected 0x followed by 64 hex digits"},
    {"bad_wallet", [](json& d) { d["traders"][0]["wallet"] = "0x123"; },
     "traders[0].wallet: expected a 0x address"},
    {"too_precise_money", [](json& d) { d["default_balance"] = "1.0000001"; },
     "default_balance: expected a decimal with at most 6 places"},
    {"duplicate_token_id", [](json& d) { yes(d, 1)["token_id"] = kTokenA; },
     "markets[1].outcomes[0].token_id: duplicate of markets[0].outcomes[0]"},
    {"duplicate_condition_id", [](json& d) { market(d, 1)["condition_id"] = kConditionA; },
     "markets[1].condition_id: duplicate of markets[0]"},
    {"duplicate_gamma_id", [](json& d) { market(d, 1)["gamma_id"] = "1"; },
     "markets[1].gamma_id: duplicate of markets[0]"},
    {"duplicate_wallet", [](json& d) { d["traders"][1]["wallet"] = kWalletA; },
     "traders[1].wallet: duplicate of traders[0]"},
    {"duplicate_event_id",
     [](json& d) {
       d["events"].push_back(json{{"id", "e1"}});
     },
     "events[1].id: duplicate of events[0]"},
    {"price_above_one", [](json& d) { yes(d, 0)["price"] = "1.5"; },
     "markets[0].outcomes[0].price: 1.5 is outside [0, 1]"},
    {"price_zero_on_open_market", [](json& d) { yes(d, 0)["price"] = 0; },
     "markets[0].outcomes[0].price: 0 is outside (0, 1)"},
    {"level_off_tick", [](json& d) { yes(d, 0)["bids"][0][0] = "0.595"; },
     "markets[0].outcomes[0].bids[0].price: 0.595 is not a multiple of the tick 0.01"},
    {"level_off_coarse_tick", [](json& d) { yes(d, 1)["asks"][0][0] = "0.65"; },
     "markets[1].outcomes[0].asks[0].price: 0.65 is not a multiple of the tick 0.1"},
    {"level_outside_tick_range",
     [](json& d) {
       yes(d, 0)["asks"].push_back({"1", "5"});
     },
     "markets[0].outcomes[0].asks[1].price: 1 is outside [0.01, 0.99]"},
    {"level_size_zero", [](json& d) { yes(d, 0)["bids"][0][1] = "0"; },
     "markets[0].outcomes[0].bids[0].size: must be positive"},
    {"duplicate_level",
     [](json& d) {
       yes(d, 0)["bids"].push_back({"0.59", "3"});
     },
     "markets[0].outcomes[0].bids[1].price: duplicate level 0.59"},
    {"crossed_book", [](json& d) { yes(d, 0)["asks"][0][0] = "0.59"; },
     "markets[0].outcomes[0]: crossed book: best bid 0.59 >= best ask 0.59"},
    {"unsupported_tick", [](json& d) { market(d, 0)["tick_size"] = "0.02"; },
     "markets[0].tick_size: unsupported tick size"},
    {"tick_unknown_to_v1",
     [](json& d) {
       market(d, 0)["tick_size"] = "0.005";
       market(d, 0)["order_version"] = 1;
     },
     "markets[0].tick_size: unsupported tick size"},
    {"min_order_size_zero", [](json& d) { market(d, 0)["min_order_size"] = "0"; },
     "markets[0].min_order_size: must be positive"},
    {"order_version_4", [](json& d) { market(d, 1)["order_version"] = 4; },
     "markets[1].order_version: must be 1, 2 or 3"},
    {"order_version_0", [](json& d) { market(d, 1)["order_version"] = 0; },
     "markets[1].order_version: must be 1, 2 or 3"},
    {"three_outcomes", [](json& d) { market(d, 0)["outcomes"].push_back(yes(d, 1)); },
     "markets[0].outcomes: expected an array of 2 outcomes, got 3 items"},
    {"unknown_event", [](json& d) { market(d, 1)["event_id"] = "nope"; },
     "markets[1].event_id: unknown event 'nope'"},
    {"neg_risk_market_in_plain_event", [](json& d) { market(d, 0)["neg_risk"] = true; },
     "markets[0].neg_risk: a neg-risk market must belong to a neg-risk event"},
    {"market_winner_2",
     [](json& d) {
       market(d, 1)["closed"] = true;
       market(d, 1)["winner"] = 2;
     },
     "markets[1].winner: must be 0 or 1"},
    {"winner_on_open_market", [](json& d) { market(d, 1)["winner"] = 0; },
     "markets[1].winner: set on a market that is not closed"},
    {"trade_unknown_token", [](json& d) { d["trades"][0]["token_id"] = "77"; },
     "trades[0].token_id: unknown token 77"},
    {"trade_unknown_trader",
     [](json& d) { d["trades"][0]["trader"] = "0x00000000000000000000000000000000000000c3"; },
     "trades[0].trader: unknown trader"},
    {"trade_size_zero", [](json& d) { d["trades"][0]["size"] = 0; },
     "trades[0].size: must be positive"},
    {"trade_size_negative", [](json& d) { d["trades"][0]["size"] = "-5"; },
     "trades[0].size: must be positive"},
    {"trade_price_off_tick", [](json& d) { d["trades"][0]["price"] = "0.605"; },
     "trades[0].price: 0.605 is not a multiple of the tick 0.01"},
    {"trade_bad_side", [](json& d) { d["trades"][0]["side"] = "buy"; },
     "trades[0].side: expected \"BUY\" or \"SELL\""},
    {"resolution_unknown_market",
     [](json& d) {
       d["resolutions"][0]["condition_id"] =
           "0x00000000000000000000000000000000000000000000000000000000000000cc";
     },
     "resolutions[0].condition_id: unknown market"},
    {"resolution_winner_2", [](json& d) { d["resolutions"][0]["winner"] = 2; },
     "resolutions[0].winner: must be 0 or 1"},
    {"resolution_winner_negative", [](json& d) { d["resolutions"][0]["winner"] = -1; },
     "resolutions[0].winner: must be 0 or 1"},
    {"resolution_twice", [](json& d) { d["resolutions"].push_back(d["resolutions"][0]); },
     "resolutions[1].condition_id: market already resolved by resolutions[0]"},
    {"resolution_before_start", [](json& d) { d["resolutions"][0]["at"] = "2026-11-01T11:00:00Z"; },
     "resolutions[0].at: before start"},
    {"negative_speed", [](json& d) { d["speed"] = -1; }, "speed: must be a finite number >= 0"},
    {"server_version_9", [](json& d) { d["server_version"] = 9; },
     "server_version: must be 1, 2 or 3"},
    {"negative_balance", [](json& d) { d["default_balance"] = "-1"; },
     "default_balance: must not be negative"},
    {"win_rate_above_one", [](json& d) { d["traders"][0]["win_rate"] = "1.2"; },
     "traders[0].win_rate: must be between 0 and 1"},
    {"max_below_min_trade",
     [](json& d) {
       d["traders"][0]["min_trade"] = "50";
       d["traders"][0]["max_trade"] = "10";
     },
     "traders[0].max_trade: must not be below min_trade"},
    {"markets_not_an_array", [](json& d) { d["markets"] = json::object(); },
     "markets: expected an array"},
    {"document_not_an_object", [](json& d) { d = json::array(); }, "document: expected an object"},
};

class ScenarioProblem : public testing::TestWithParam<ProblemCase> {};

TEST_P(ScenarioProblem, IsReportedWithItsPath) {
  json document = valid_document();
  GetParam().mutate(document);
  const auto message = problems_of(document);
  EXPECT_NE(message.find(GetParam().expected), std::string::npos)
      << "expected: " << GetParam().expected << "\ngot: " << message;
}

INSTANTIATE_TEST_SUITE_P(Cases, ScenarioProblem, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<ProblemCase>& info) {
                           return std::string(info.param.name);
                         });

TEST(ScenarioValidation, BaseDocumentIsValid) {
  EXPECT_EQ(problems_of(valid_document()), "");
}

TEST(ScenarioValidation, EveryProblemIsReportedAtOnce) {
  json document = valid_document();
  document["colour"] = "red";
  yes(document, 1)["token_id"] = kTokenA;
  yes(document, 0)["bids"][0][0] = "0.595";
  document["trades"][0]["size"] = 0;
  document["resolutions"][0]["winner"] = 3;
  const auto message = problems_of(document);
  EXPECT_EQ(message.rfind("5 problems: ", 0), 0u) << message;
  for (const char* expected :
       {"colour: unknown key", "markets[1].outcomes[0].token_id: duplicate",
        "markets[0].outcomes[0].bids[0].price: 0.595", "trades[0].size: must be positive",
        "resolutions[0].winner: must be 0 or 1"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << " in " << message;
  }
}

TEST(ScenarioValidation, ABrokenFieldIsReportedOnce) {
  // A missing price must not also be reported as a price outside (0, 1), nor two missing
  // token ids as duplicates of each other.
  json document = valid_document();
  document["trades"] = json::array();
  yes(document, 0).erase("price");
  yes(document, 0).erase("token_id");
  yes(document, 1).erase("token_id");
  const auto message = problems_of(document);
  EXPECT_EQ(message.rfind("3 problems: ", 0), 0u) << message;
  EXPECT_EQ(message.find("outside"), std::string::npos) << message;
  EXPECT_EQ(message.find("duplicate"), std::string::npos) << message;
}

TEST(ScenarioValidation, ClosedMarketsMayShowResolvedPrices) {
  json document = valid_document();
  market(document, 1)["closed"] = true;
  market(document, 1)["winner"] = 1;
  yes(document, 1)["price"] = "0";
  market(document, 1)["outcomes"][1]["price"] = "1";
  EXPECT_EQ(problems_of(document), "");
}

TEST(ScenarioValidation, ValidateScenarioChecksAStructToo) {
  Scenario scenario = generate_scenario(GeneratorOptions{.seed = 5, .traders = 3, .markets = 6});
  EXPECT_TRUE(validate_scenario(scenario).ok()) << validate_scenario(scenario).error().message;
  scenario.markets[1].outcomes[0].token_id = scenario.markets[0].outcomes[0].token_id;
  scenario.speed = -2;
  const auto status = validate_scenario(scenario);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "invalid_scenario");
  EXPECT_NE(status.error().message.find("speed: "), std::string::npos);
  EXPECT_NE(status.error().message.find("markets[1].outcomes[0].token_id: duplicate"),
            std::string::npos);
}

}  // namespace
}  // namespace polycopy::sim
