// Every shared fixture of a parsed kind parses (new files are picked up automatically), and
// real values come out exactly.
#include <gtest/gtest.h>

#include <filesystem>

#include "chain/hex.hpp"
#include "polymarket/parse/payload.hpp"
#include "polymarket/parse_fixtures.hpp"

namespace polycopy::polymarket::parse {
namespace {

using test::fixture;
using test::fixtures_dir;

TEST(ParseFixtures, EveryFileOfEveryKindParses) {
  ASSERT_TRUE(std::filesystem::is_directory(fixtures_dir())) << fixtures_dir();
  int files = 0;
  for (const auto kind : all_kinds()) {
    const auto dir = fixtures_dir() / kind_name(kind);
    if (!std::filesystem::is_directory(dir)) continue;  // clob_open_orders has no fixture
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
      ++files;
      const auto result = parse_to_normalized_json(kind, test::read_fixture(entry.path()));
      ASSERT_TRUE(result.ok()) << entry.path() << ": " << result.error().to_string();
      EXPECT_FALSE(result->at("items").empty()) << entry.path();
      EXPECT_EQ(result->at("kind"), kind_name(kind));
    }
  }
  EXPECT_GE(files, 34);
}

TEST(ParseFixtures, DataTradeValues) {
  const auto r = parse_data_trades(fixture("data_trades/swift_trades_market_spain_2026.json"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->items.size(), 2u);
  const auto& t = r->items[0];
  EXPECT_EQ(t.token_id.to_decimal(),
            "110474601866909537724044216141585040787927916157559633438159999666255694855775");
  EXPECT_EQ(t.price.micros(), 765'000);
  EXPECT_EQ(t.size.micros(), 15'000'000);
  EXPECT_EQ(t.side, TradeSide::buy);
  EXPECT_EQ(t.timestamp_s, 1783008527);
  EXPECT_EQ(chain::to_hex(t.proxy_wallet), "0x0f3433d8b7596000bf1046aa822308d93cf67684");
  EXPECT_EQ(r->items[1].name, "NYC-NO.1-Jungle-FanYang");
}

TEST(ParseFixtures, GammaResolutions) {
  const auto yes =
      parse_gamma_markets(fixture("gamma_markets/nautilus_closed_resolved_yes_ceasefire.json"));
  ASSERT_TRUE(yes.ok()) << yes.error().to_string();
  EXPECT_EQ(yes->items[0].resolution.state, ResolutionState::resolved);
  EXPECT_EQ(yes->items[0].resolution.winner_index, 0u);
  EXPECT_EQ(yes->items[0].outcomes[0], "Yes");

  const auto legacy =
      parse_gamma_markets(fixture("gamma_markets/nautilus_closed_legacy_2020_zero_zero.json"));
  ASSERT_TRUE(legacy.ok()) << legacy.error().to_string();
  EXPECT_EQ(legacy->items[0].resolution.state, ResolutionState::no_clean_winner);
  EXPECT_FALSE(legacy->items[0].tick_size.has_value());

  const auto live = parse_gamma_markets(fixture("gamma_markets/nautilus_btc_updown_5m_live.json"));
  ASSERT_TRUE(live.ok()) << live.error().to_string();
  const auto& m = live->items[0];
  EXPECT_EQ(m.resolution.state, ResolutionState::not_closed);
  EXPECT_EQ(m.outcomes, (std::vector<std::string>{"Up", "Down"}));
  EXPECT_EQ(m.outcome_prices->at(0).micros(), 505'000);
  EXPECT_EQ(m.tick_size->micros(), 10'000);
  EXPECT_EQ(m.min_order_size->micros(), 5'000'000);
  EXPECT_EQ(m.gamma_id, "1557558");

  // The collector wrapper: the market is under "raw"; token ids match the doc's CTF check.
  const auto wrapped =
      parse_gamma_markets(fixture("gamma_markets/lgx_btc5m_resolved_2026_06_08_wrapped.json"));
  ASSERT_TRUE(wrapped.ok()) << wrapped.error().to_string();
  EXPECT_EQ(wrapped->items[0].token_ids[1].to_decimal(),
            "34549038436775387767555351401981287096280193432851657723404876503687402605441");
  EXPECT_EQ(wrapped->items[0].resolution.winner_index, 0u);
  EXPECT_EQ(wrapped->items[0].end_date_s, 1780876800);  // 2026-06-08T00:00:00Z
}

TEST(ParseFixtures, BooksAreBestFirst) {
  const auto r = parse_clob_books(fixture("clob_book/nautilus_clob_book_2024_10.json"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& book = r->items[0];
  EXPECT_EQ(book.timestamp_ms, 1728799418260);
  EXPECT_EQ(book.bids.front().price.micros(), 100'000);  // venue lists it last
  EXPECT_EQ(book.asks.front().price.micros(), 140'000);
  EXPECT_EQ(book.asks.front().size.micros(), 705'000'000);
  EXPECT_FALSE(book.tick_size.has_value());  // 2024 shape

  const auto batch = parse_clob_books(fixture("clob_book/polygolem_clob_books_fed_10.json"));
  ASSERT_TRUE(batch.ok()) << batch.error().to_string();
  ASSERT_EQ(batch->items.size(), 10u);
  EXPECT_EQ(batch->items[0].tick_size->micros(), 1'000);
  EXPECT_EQ(batch->items[0].neg_risk, true);
  for (const auto& b : batch->items) {
    for (std::size_t i = 1; i < b.bids.size(); ++i) EXPECT_GE(b.bids[i - 1].price, b.bids[i].price);
    for (std::size_t i = 1; i < b.asks.size(); ++i) EXPECT_LE(b.asks[i - 1].price, b.asks[i].price);
  }
}

TEST(ParseFixtures, ClobMarketsFullAndCompact) {
  const auto full = parse_to_normalized_json(
      PayloadKind::clob_market,
      fixture("clob_market/nautilus_clob_market_closed_ceasefire_winner.json"));
  ASSERT_TRUE(full.ok()) << full.error().to_string();
  const auto& tokens = full->at("items")[0].at("tokens");
  EXPECT_EQ(tokens[0].at("winner"), true);
  EXPECT_EQ(tokens[0].at("price"), "1");
  EXPECT_EQ(tokens[1].at("token_id"),
            "108268928354766371660560153450121076545199284531791348447523752861907448942629");

  const auto compact = parse_to_normalized_json(
      PayloadKind::clob_market, fixture("clob_market/polygolem_clob_markets_compact_fed.json"));
  ASSERT_TRUE(compact.ok()) << compact.error().to_string();
  const auto& first = compact->at("items")[0];
  EXPECT_EQ(first.at("condition_id"),
            "0xdde06286a7b9464d344f410ab0b3d2ebc6469904e72c27fd982f65fdbf78768d");
  EXPECT_EQ(first.at("tokens")[0].at("token_id"),
            "65193234666628291664907888364936366210889305490897648116746073820519263548476");
  EXPECT_EQ(first.at("tick_size"), "0.001");
  EXPECT_EQ(first.at("neg_risk"), true);
  EXPECT_EQ(first.at("fee_rate"), "0.05");
}

TEST(ParseFixtures, DataApiBothVersionsShareNames) {
  const auto v1 = parse_to_normalized_json(PayloadKind::data_positions,
                                           fixture("data_positions/nb_positions_rn1_item.json"));
  const auto v2 =
      parse_to_normalized_json(PayloadKind::data_positions,
                               fixture("data_positions/polyoxide_v2_positions_open_limit2.json"));
  ASSERT_TRUE(v1.ok() && v2.ok());
  const auto& a = v1->at("items")[0];
  const auto& b = v2->at("items")[0];
  for (const auto& [key, value] : a.items()) EXPECT_TRUE(b.contains(key)) << key;
  EXPECT_EQ(a.at("size"), "181369.1314");
  EXPECT_EQ(a.at("cash_pnl_usd"), "-54974.2533");
  EXPECT_EQ(b.at("size"), "28.09");
  EXPECT_EQ(b.at("entry_fees_usd"), "0.31053");
  EXPECT_EQ(b.at("negative_risk"), true);
  EXPECT_TRUE(v2->contains("pagination"));
  EXPECT_EQ(v2->at("pagination").at("has_more"), true);

  const auto lb1 =
      parse_to_normalized_json(PayloadKind::data_leaderboard,
                               fixture("data_leaderboard/verified_leaderboard_week_vol.json"));
  const auto lb2 = parse_to_normalized_json(
      PayloadKind::data_leaderboard,
      fixture("data_leaderboard/polyoxide_v2_leaderboard_week_limit2.json"));
  ASSERT_TRUE(lb1.ok() && lb2.ok());
  EXPECT_EQ(lb1->at("items")[1].at("rank"), 2);                       // "2" in v1
  EXPECT_EQ(lb2->at("items")[1].at("rank"), 2);                       // 2 in v2
  EXPECT_EQ(lb2->at("items")[0].at("volume_usd"), "12942959.98239");  // ...982390001 rounded
  EXPECT_EQ(lb1->at("items")[1].at("proxy_wallet"), "0x2005d16a84ceefa912d4e380cd32e7ff827875ea");
}

TEST(ParseFixtures, ActivityRedeemHasNoTokenOrSide) {
  const auto r = parse_to_normalized_json(
      PayloadKind::data_activity, fixture("data_activity/nb_activity_swisstony_redeem.json"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& row = r->at("items")[0];
  EXPECT_EQ(row.at("type"), "REDEEM");
  EXPECT_TRUE(row.at("token_id").is_null());
  EXPECT_TRUE(row.at("side").is_null());
  EXPECT_TRUE(row.at("outcome_index").is_null());  // 999
  EXPECT_EQ(row.at("usdc_size"), "1580.949639");
}

TEST(ParseFixtures, UserTradeAcrossBothTokens) {
  const auto r = parse_ws_user(fixture("ws_user/nautilus_ws_user_trade_multi_maker.json"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& t = *r->items[0].trade;
  EXPECT_EQ(t.status, "MINED");
  EXPECT_EQ(t.size.micros(), 1'096'870'000);
  ASSERT_EQ(t.maker_orders.size(), 6u);
  EXPECT_EQ(t.maker_orders[0].outcome, "No");
  EXPECT_EQ(t.maker_orders[0].price.micros(), 482'000);
  EXPECT_NE(t.maker_orders[0].token_id, t.token_id);
  EXPECT_EQ(chain::to_hex(t.maker_orders[0].maker_address),
            "0xffd192468b7a05b38c37c82d09fa941289faeb23");  // checksummed on the wire
  EXPECT_EQ(t.timestamp_ms, 1725868885871);
  EXPECT_EQ(t.match_time_s, 1725868859);

  const auto order = parse_ws_user(fixture("ws_user/nautilus_ws_user_order_placement.json"));
  ASSERT_TRUE(order.ok()) << order.error().to_string();
  EXPECT_EQ(order->items[0].order->type, "PLACEMENT");
  EXPECT_EQ(order->items[0].order->order.price.micros(), 513'000);
  EXPECT_FALSE(order->items[0].order->order.expiration_s.has_value());  // "0"
}

TEST(ParseFixtures, OrderPostResponses) {
  const auto ok = parse_to_normalized_json(
      PayloadKind::clob_order_post, fixture("clob_order_post/ccxt_post_order_live_success.json"));
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ(ok->at("items")[0].at("status"), "live");
  EXPECT_TRUE(ok->at("items")[0].at("making_amount").is_null());  // "" on the wire
  const auto err = parse_to_normalized_json(
      PayloadKind::clob_order_post,
      fixture("clob_order_post/go_post_order_400_not_enough_balance_escaped.json"));
  ASSERT_TRUE(err.ok()) << err.error().to_string();
  EXPECT_EQ(err->at("items")[0].at("error_code"), "INVALID_ORDER_NOT_ENOUGH_BALANCE");
  EXPECT_NE(err->at("items")[0].at("error_msg").get<std::string>().find("-> balance"),
            std::string::npos);  // \u003e unescaped
}

TEST(ParseFixtures, WsInitialFrameArrayAndShortTokenId) {
  const auto r = parse_ws_market(fixture("ws_market/polyoxide_live_initial_book_frame_array.json"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->items[0].book->last_trade_price->micros(), 140'000);
  EXPECT_EQ(r->items[1].book->token_id.to_decimal(), "1111");
  EXPECT_FALSE(r->items[1].book->last_trade_price.has_value());  // ""
  EXPECT_TRUE(r->items[1].book->bids.empty());
}

}  // namespace
}  // namespace polycopy::polymarket::parse
