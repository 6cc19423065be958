// venue_mapping: Data API trades as source trades, Gamma markets (parsed from JSON with the
// protocol layer's parser) as store records with their resolution, store records as the
// evaluation's inputs.
#include <gtest/gtest.h>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "engine/venue_mapping.hpp"
#include "polymarket/parse/payload.hpp"
#include "strategy/evaluation.hpp"

namespace polycopy::engine {
namespace {

using nlohmann::json;
namespace parse = polymarket::parse;

constexpr const char* kWallet = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
constexpr const char* kTx = "0x00000000000000000000000000000000000000000000000000000000000000ab";
constexpr const char* kCondition =
    "0xc0ffee00000000000000000000000000000000000000000000000000000000ee";

parse::DataTrade data_trade(const std::string& price, const std::string& size) {
  parse::DataTrade t;
  t.proxy_wallet = chain::parse_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").value();
  t.side = parse::TradeSide::buy;
  t.token_id = chain::Uint256::parse_decimal(
                   "71321045679252212594626385532706912750332728571942532289631379312455583992563")
                   .value();
  t.condition_id = chain::parse_bytes32(kCondition).value();
  t.price = core::Price::parse(price).value();
  t.size = core::Shares::parse(size).value();
  t.timestamp_s = 1'717'000'123;
  t.outcome = "No";
  t.outcome_index = 1;
  t.transaction_hash = chain::parse_bytes32(kTx).value();
  return t;
}

TEST(VenueMapping, ADataTradeBecomesASourceTrade) {
  const auto received = core::from_unix_ms(1'717'000'200'500);
  const auto r = to_source_trade(data_trade("0.999999", "1.5"), received);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string token =
      "71321045679252212594626385532706912750332728571942532289631379312455583992563";
  EXPECT_EQ(r->trader_address, kWallet);  // lower case, whatever the input's checksum case
  EXPECT_EQ(r->tx_hash, kTx);
  EXPECT_EQ(r->condition_id, kCondition);
  EXPECT_EQ(r->token_id, token);
  EXPECT_EQ(r->id, std::string(kTx) + ":" + token + ":" + kWallet);
  EXPECT_EQ(r->id, store::source_trade_id(kTx, token, kWallet));
  EXPECT_EQ(r->outcome, "No");
  EXPECT_EQ(r->outcome_index, 1);
  EXPECT_EQ(r->side, store::TradeSide::buy);
  EXPECT_EQ(r->price.micros(), 999'999);
  EXPECT_EQ(r->size.micros(), 1'500'000);
  // 0.999999 x 1.5 = 1.4999985: rounded down (nearest would give 1.499999).
  EXPECT_EQ(r->usd.micros(), 1'499'998);
  EXPECT_EQ(core::to_unix_ms(r->traded_at), 1'717'000'123'000);
  EXPECT_EQ(r->received_at, received);
}

TEST(VenueMapping, SourceTradeUsdIsRoundedDownAndSellsMap) {
  auto t = data_trade("0.5", "0.000001");
  t.side = parse::TradeSide::sell;
  t.outcome.reset();
  t.outcome_index.reset();
  const auto r = to_source_trade(t, core::from_unix_ms(0));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->usd.micros(), 0);  // half a micro-dollar: down, not up
  EXPECT_EQ(r->side, store::TradeSide::sell);
  EXPECT_FALSE(r->outcome.has_value());
  EXPECT_FALSE(r->outcome_index.has_value());

  const auto exact = to_source_trade(data_trade("0.57", "100"), core::from_unix_ms(0));
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->usd.micros(), 57'000'000);
}

TEST(VenueMapping, ATradeWithoutTransactionHashIsRefused) {
  auto t = data_trade("0.5", "2");
  t.transaction_hash.reset();
  const auto r = to_source_trade(t, core::from_unix_ms(0));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "missing_transaction_hash");
}

json gamma_json() {
  return {{"id", "1557558"},
          {"question", "Will it rain?"},
          {"slug", "will-it-rain"},
          {"conditionId", kCondition},
          {"category", "weather"},
          {"endDate", "2024-06-30T12:00:00Z"},
          {"outcomes", R"(["Yes","No"])"},
          {"outcomePrices", R"(["0.45","0.55"])"},
          {"clobTokenIds", R"(["111","222"])"},
          {"active", true},
          {"closed", false},
          {"negRisk", true},
          {"orderPriceMinTickSize", 0.001},
          {"orderMinSize", 5}};
}

parse::GammaMarket gamma(const json& j) {
  auto parsed = parse::parse_gamma_markets(json::array({j}).dump());
  if (!parsed) {
    ADD_FAILURE() << parsed.error().code << ": " << parsed.error().message;
    return {};
  }
  EXPECT_EQ(parsed->items.size(), 1u);
  return parsed->items.at(0);
}

TEST(VenueMapping, AnOpenGammaMarketBecomesAMarketWithTwoTokens) {
  const auto now = core::from_unix_ms(1'718'000'000'000);
  const auto u = to_market_update(gamma(gamma_json()), now);
  ASSERT_TRUE(u.ok()) << u.error().message;
  const auto& m = u->market;
  EXPECT_EQ(m.condition_id, kCondition);
  EXPECT_EQ(m.question, "Will it rain?");
  EXPECT_EQ(m.slug, "will-it-rain");
  EXPECT_EQ(m.category, "weather");
  ASSERT_TRUE(m.end_at.has_value());
  EXPECT_EQ(core::to_unix_ms(*m.end_at), 1'719'748'800'000);
  EXPECT_FALSE(m.closed);
  EXPECT_TRUE(m.neg_risk);
  EXPECT_FALSE(m.is_live);
  EXPECT_EQ(m.tick_size.micros(), 1'000);
  EXPECT_EQ(m.min_order_size.micros(), 5'000'000);
  EXPECT_EQ(m.updated_at, now);
  ASSERT_EQ(u->tokens.size(), 2u);
  EXPECT_EQ(u->tokens[0].token_id, "111");
  EXPECT_EQ(u->tokens[0].outcome, "Yes");
  EXPECT_EQ(u->tokens[0].outcome_index, 0);
  EXPECT_EQ(u->tokens[1].token_id, "222");
  EXPECT_EQ(u->tokens[1].outcome, "No");
  EXPECT_EQ(u->tokens[1].outcome_index, 1);
  for (const auto& t : u->tokens) EXPECT_EQ(t.condition_id, kCondition);
  EXPECT_FALSE(u->resolution.has_value());
}

TEST(VenueMapping, ASportsMarketIsInPlayFromItsGameStart) {
  auto j = gamma_json();
  j["gameStartTime"] = "2024-06-30 10:00:00+00";  // Gamma's own format for this field
  const auto u = to_market_update(gamma(j), core::from_unix_ms(0));
  ASSERT_TRUE(u.ok());
  ASSERT_TRUE(u->market.game_start_at.has_value());
  EXPECT_EQ(core::to_unix_ms(*u->market.game_start_at), 1'719'741'600'000);
  const auto info = to_market_info({u->market, u->tokens}, false);
  EXPECT_EQ(info.game_start_time, u->market.game_start_at);
  EXPECT_FALSE(strategy::is_in_play(info, core::from_unix_ms(1'719'741'599'999)));
  EXPECT_TRUE(strategy::is_in_play(info, core::from_unix_ms(1'719'741'600'000)));
  EXPECT_FALSE(strategy::is_in_play(info, core::from_unix_ms(1'719'748'800'000)));  // ended
  // No game start (not a sports market): not in play.
  const auto plain = to_market_update(gamma(gamma_json()), core::from_unix_ms(0));
  EXPECT_FALSE(strategy::is_in_play(to_market_info({plain->market, plain->tokens}, false),
                                    core::from_unix_ms(1'719'741'600'000)));
}

TEST(VenueMapping, MissingOptionalFieldsKeepTheDefaults) {
  auto j = gamma_json();
  j.erase("category");
  j.erase("endDate");
  j.erase("negRisk");
  j.erase("orderPriceMinTickSize");
  j.erase("orderMinSize");
  j.erase("question");
  const auto u = to_market_update(gamma(j), core::from_unix_ms(0));
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_FALSE(u->market.category.has_value());
  EXPECT_FALSE(u->market.end_at.has_value());
  EXPECT_FALSE(u->market.neg_risk);
  EXPECT_EQ(u->market.tick_size.micros(), 10'000);
  EXPECT_EQ(u->market.min_order_size.micros(), 0);
  EXPECT_EQ(u->market.question, "");
}

TEST(VenueMapping, ANonBinaryMarketIsRefused) {
  auto j = gamma_json();
  j["outcomes"] = R"(["A","B","C"])";
  j["outcomePrices"] = R"(["0.2","0.3","0.5"])";
  j["clobTokenIds"] = R"(["1","2","3"])";
  const auto three = to_market_update(gamma(j), core::from_unix_ms(0));
  ASSERT_FALSE(three.ok());
  EXPECT_EQ(three.error().code, "not_binary");

  j["outcomes"] = R"(["A"])";
  j["outcomePrices"] = R"(["1"])";
  j["clobTokenIds"] = R"(["1"])";
  const auto one = to_market_update(gamma(j), core::from_unix_ms(0));
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.error().code, "not_binary");
}

TEST(VenueMapping, AClosedMarketWithACleanWinnerIsAResolution) {
  const auto now = core::from_unix_ms(1'720'000'000'000);
  auto j = gamma_json();
  j["closed"] = true;
  j["outcomePrices"] = R"(["0","1"])";
  j["closedTime"] = "2024-07-01T08:00:00Z";
  const auto u = to_market_update(gamma(j), now);
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_TRUE(u->market.closed);
  ASSERT_TRUE(u->resolution.has_value());
  const auto& r = *u->resolution;
  EXPECT_EQ(r.condition_id, kCondition);
  EXPECT_EQ(r.winning_outcome_index, 1);
  EXPECT_EQ(r.payout_numerator_0, 0);
  EXPECT_EQ(r.payout_numerator_1, 1);
  EXPECT_EQ(r.payout_denominator, 1);
  EXPECT_EQ(core::to_unix_ms(r.resolved_at), 1'719'820'800'000);
  EXPECT_EQ(r.recorded_at, now);

  // Outcome 0 wins; no closedTime: resolved "now".
  j["outcomePrices"] = R"(["1","0"])";
  j.erase("closedTime");
  const auto first = to_market_update(gamma(j), now);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->resolution.has_value());
  EXPECT_EQ(first->resolution->winning_outcome_index, 0);
  EXPECT_EQ(first->resolution->payout_numerator_0, 1);
  EXPECT_EQ(first->resolution->payout_numerator_1, 0);
  EXPECT_EQ(first->resolution->resolved_at, now);
}

TEST(VenueMapping, OnlyAClosedMarketWithExactPricesIsAResolution) {
  const auto resolution_of = [](json j) {
    const auto u = to_market_update(gamma(j), core::from_unix_ms(0));
    EXPECT_TRUE(u.ok());
    return u.ok() && u->resolution.has_value();
  };
  auto j = gamma_json();
  // Open with prices 1 and 0, or near 1: market quotes, not a resolution.
  j["outcomePrices"] = R"(["1","0"])";
  EXPECT_FALSE(resolution_of(j));
  j["outcomePrices"] = R"(["0.999","0.001"])";
  EXPECT_FALSE(resolution_of(j));
  // Closed without clean prices: no resolution.
  j["closed"] = true;
  EXPECT_FALSE(resolution_of(j));
  j["outcomePrices"] = R"(["0","0"])";
  EXPECT_FALSE(resolution_of(j));
  j["outcomePrices"] = R"(["0.5","0.5"])";
  EXPECT_FALSE(resolution_of(j));
  j["outcomePrices"] = R"(["0.9999999","0.0000001"])";
  EXPECT_FALSE(resolution_of(j));
  j.erase("outcomePrices");
  EXPECT_FALSE(resolution_of(j));
  // Closed and clean: a resolution.
  j["outcomePrices"] = R"(["1","0"])";
  EXPECT_TRUE(resolution_of(j));
}

TEST(VenueMapping, AStoredMarketBecomesTheEvaluationsMarketInfo) {
  store::MarketWithTokens stored;
  auto& m = stored.market;
  m.condition_id = kCondition;
  m.question = "Will it rain?";
  m.category = "weather";
  m.end_at = core::from_unix_ms(1'719'748'800'000);
  m.closed = true;
  m.neg_risk = true;
  m.tick_size = core::Price::from_micros(1'000).value();
  m.min_order_size = core::Shares::from_micros(5'000'000);
  stored.tokens = {{"111", kCondition, 0, "Yes"}, {"222", kCondition, 1, "No"}};

  const auto info = to_market_info(stored, true);
  EXPECT_EQ(info.condition_id, kCondition);
  EXPECT_EQ(info.token_ids, (std::vector<std::string>{"111", "222"}));
  EXPECT_EQ(info.question, "Will it rain?");
  EXPECT_EQ(info.category, "weather");
  EXPECT_EQ(info.end_time, m.end_at);
  EXPECT_TRUE(info.closed);
  EXPECT_TRUE(info.resolved);
  EXPECT_FALSE(info.live.has_value());  // unknown, not "not live"
  EXPECT_EQ(info.tick.micros(), 1'000);
  EXPECT_EQ(info.min_order_size.micros(), 5'000'000);
  EXPECT_TRUE(info.neg_risk);

  m.is_live = true;
  m.closed = false;
  const auto live = to_market_info(stored, false);
  EXPECT_EQ(live.live, true);
  EXPECT_FALSE(live.closed);
  EXPECT_FALSE(live.resolved);
}

TEST(VenueMapping, TraderStatsRecordsBecomeTheEvaluationsStats) {
  const auto none = to_trader_stats(std::nullopt);
  EXPECT_EQ(none.resolved_count, 0);
  EXPECT_FALSE(none.win_rate.has_value());
  EXPECT_FALSE(none.win_rate_30d.has_value());
  EXPECT_FALSE(none.average_trade_usd.has_value());
  EXPECT_EQ(none.realized_pnl.micros(), 0);

  store::TraderStatsRecord r;
  r.trader_address = kWallet;
  r.trade_count = 40;
  r.resolved_count = 31;
  r.win_count = 20;
  r.win_rate = core::Ratio::from_micros(645'161);
  r.win_rate_30d = core::Ratio::from_micros(500'000);
  r.average_trade_usd = core::Usd::from_micros(12'340'000);
  r.realised_pnl = core::Usd::from_micros(-7'000'001);
  const auto s = to_trader_stats(r);
  EXPECT_EQ(s.resolved_count, 31);
  EXPECT_EQ(s.win_rate, r.win_rate);
  EXPECT_EQ(s.win_rate_30d, r.win_rate_30d);
  EXPECT_EQ(s.average_trade_usd, r.average_trade_usd);
  EXPECT_EQ(s.realized_pnl.micros(), -7'000'001);
}

TEST(VenueMapping, AStoredTradeBecomesTheEvaluationsTrade) {
  const auto r = to_source_trade(data_trade("0.25", "8"), core::from_unix_ms(0)).value();
  const auto t = to_evaluation_trade(r);
  EXPECT_EQ(t.trader, kWallet);
  EXPECT_EQ(t.transaction_hash, kTx);
  EXPECT_EQ(t.condition_id, kCondition);
  EXPECT_EQ(t.token_id, r.token_id);
  EXPECT_EQ(t.outcome, "No");
  EXPECT_EQ(t.side, strategy::TradeSide::buy);
  EXPECT_EQ(t.price.micros(), 250'000);
  EXPECT_EQ(t.size.micros(), 8'000'000);
  EXPECT_EQ(t.at, r.traded_at);
}

}  // namespace
}  // namespace polycopy::engine
