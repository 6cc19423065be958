// Bad payloads give an Error with a reason code: never a crash, never a zeroed value.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "polymarket/parse/payload.hpp"
#include "polymarket/parse_fixtures.hpp"

namespace polycopy::polymarket::parse {
namespace {

struct Mutation {
  const char* name;
  PayloadKind kind;
  std::string body;
  const char* code;
};

// A minimal valid Data API trade; each mutation breaks one thing.
std::string trade(const std::string& key, const std::string& value_json) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"proxyWallet", R"("0x0f3433d8b7596000bf1046aa822308d93cf67684")"},
      {"side", R"("BUY")"},
      {"asset",
       R"("110474601866909537724044216141585040787927916157559633438159999666255694855775")"},
      {"conditionId", R"("0xc5943cca27ce657f519619520b1664829b1209f9a5ef9266be7f2954be1b0260")"},
      {"size", "15"},
      {"price", "0.765"},
      {"timestamp", "1783008527"},
  };
  std::string out = "{";
  bool replaced = false;
  for (auto& [k, v] : fields) {
    if (k == key) {
      replaced = true;
      if (value_json.empty()) continue;  // "" removes the key
      v = value_json;
    }
    out += (out.size() > 1 ? "," : "") + ("\"" + k + "\":" + v);
  }
  if (!replaced && !value_json.empty()) out += ",\"" + key + "\":" + value_json;
  return out + "}";
}

std::string book_with_level(const std::string& price, const std::string& size) {
  return R"({"market":"0x1a4f04c2e6c000d9fc524eb12e7333217411a226c34745af140f195c0227cd5f",)"
         R"("asset_id":"23360939988679364027624185518382759743328544433592111535569478055890815567848",)"
         R"("timestamp":"1728799418260","hash":"2fc4","bids":[{"price":)" +
         price + R"(,"size":)" + size + R"(}],"asks":[]})";
}

std::vector<Mutation> mutations() {
  const std::string book = test::fixture("clob_book/nautilus_clob_book_2024_10.json");
  const std::string gamma =
      test::fixture("gamma_markets/nautilus_closed_resolved_yes_ceasefire.json");
  std::vector<Mutation> m = {
      {"empty", PayloadKind::data_trades, "", "empty_payload"},
      {"whitespace", PayloadKind::data_trades, " \n ", "empty_payload"},
      {"truncated", PayloadKind::clob_book, book.substr(0, book.size() / 2), "invalid_json"},
      {"truncated_gamma", PayloadKind::gamma_markets, gamma.substr(0, 700), "invalid_json"},
      {"trailing", PayloadKind::data_trades, trade("", "") + "]", "invalid_json"},
      {"two_values", PayloadKind::data_trades, trade("", "") + " {}", "invalid_json"},
      {"not_json", PayloadKind::data_trades, "hello", "invalid_json"},
      {"bare_number", PayloadKind::data_trades, "42", "wrong_type"},
      {"array_of_numbers", PayloadKind::data_trades, "[1,2]", "wrong_type"},
      {"invalid_utf8", PayloadKind::data_trades, trade("title", "\"caf\xC3\x28\""), "invalid_utf8"},
      {"deep_nesting", PayloadKind::data_trades, std::string(5000, '[') + std::string(5000, ']'),
       "too_deep"},
      {"deep_objects", PayloadKind::gamma_markets,
       [] {
         std::string s;
         for (int i = 0; i < 200; ++i) s += "{\"a\":";
         s += "1";
         for (int i = 0; i < 200; ++i) s += "}";
         return s;
       }(),
       "too_deep"},
      {"price_1_5", PayloadKind::data_trades, trade("price", "1.5"), "price_out_of_range"},
      {"price_string_1_5", PayloadKind::data_trades, trade("price", "\"1.5\""),
       "price_out_of_range"},
      {"negative_price", PayloadKind::data_trades, trade("price", "-0.1"), "price_out_of_range"},
      {"price_garbage", PayloadKind::data_trades, trade("price", "\"0.5abc\""), "invalid_decimal"},
      {"price_bool", PayloadKind::data_trades, trade("price", "true"), "wrong_type"},
      {"price_object", PayloadKind::data_trades, trade("price", "{}"), "wrong_type"},
      {"price_missing", PayloadKind::data_trades, trade("price", ""), "missing_field"},
      {"price_null", PayloadKind::data_trades, trade("price", "null"), "missing_field"},
      {"price_nan_string", PayloadKind::data_trades, trade("price", "\"NaN\""), "invalid_decimal"},
      {"negative_size", PayloadKind::data_trades, trade("size", "-3"), "negative_size"},
      {"huge_size", PayloadKind::data_trades, trade("size", "1e400"), "overflow"},
      {"huge_integer_size", PayloadKind::data_trades,
       trade("size", "123456789012345678901234567890"), "overflow"},
      {"empty_token_id", PayloadKind::data_trades, trade("asset", "\"\""), "invalid_token_id"},
      {"missing_token_id", PayloadKind::data_trades, trade("asset", ""), "missing_field"},
      {"hex_token_id", PayloadKind::data_trades, trade("asset", "\"0x1234\""), "invalid_token_id"},
      {"token_id_letters", PayloadKind::data_trades, trade("asset", "\"12a4\""),
       "invalid_token_id"},
      {"token_id_over_2_256", PayloadKind::data_trades,
       trade("asset", "\"" + std::string(80, '9') + "\""), "invalid_token_id"},
      {"condition_id_short", PayloadKind::data_trades, trade("conditionId", "\"0xc5943cca\""),
       "invalid_condition_id"},
      {"condition_id_no_0x", PayloadKind::data_trades,
       trade("conditionId", "\"c5943cca27ce657f519619520b1664829b1209f9a5ef9266be7f2954be1b0260\""),
       "invalid_condition_id"},
      {"condition_id_not_hex", PayloadKind::data_trades,
       trade("conditionId",
             "\"0xZZ943cca27ce657f519619520b1664829b1209f9a5ef9266be7f2954be1b0260\""),
       "invalid_condition_id"},
      {"bad_address", PayloadKind::data_trades, trade("proxyWallet", "\"0x1234\""),
       "invalid_address"},
      {"bad_checksum", PayloadKind::data_trades,
       trade("proxyWallet", "\"0x0F3433d8b7596000bf1046aa822308d93cf67684\""), "invalid_address"},
      {"bad_side", PayloadKind::data_trades, trade("side", "\"HOLD\""), "invalid_side"},
      {"side_number", PayloadKind::data_trades, trade("side", "0"), "wrong_type"},
      {"timestamp_in_ms", PayloadKind::data_trades, trade("timestamp", "1783008527000"),
       "invalid_timestamp"},
      {"timestamp_negative", PayloadKind::data_trades, trade("timestamp", "-5"),
       "invalid_timestamp"},
      {"timestamp_float", PayloadKind::data_trades, trade("timestamp", "1.5"), "invalid_timestamp"},
      {"book_price_1_5", PayloadKind::clob_book, book_with_level("\"1.5\"", "\"10\""),
       "price_out_of_range"},
      {"book_negative_size", PayloadKind::clob_book, book_with_level("\"0.5\"", "\"-10\""),
       "negative_size"},
      {"book_seven_decimals", PayloadKind::clob_book, book_with_level("\"0.5\"", "\"1.0000001\""),
       "too_precise"},
      {"book_empty_price", PayloadKind::clob_book, book_with_level("\"\"", "\"10\""),
       "invalid_decimal"},
      {"book_levels_not_array", PayloadKind::clob_book,
       R"({"market":"0x1a4f04c2e6c000d9fc524eb12e7333217411a226c34745af140f195c0227cd5f","asset_id":"1","timestamp":"1728799418260","bids":{},"asks":[]})",
       "wrong_type"},
      {"book_timestamp_seconds", PayloadKind::clob_book,
       R"({"market":"0x1a4f04c2e6c000d9fc524eb12e7333217411a226c34745af140f195c0227cd5f","asset_id":"1","timestamp":"1728799418","bids":[],"asks":[]})",
       "invalid_timestamp"},
      {"gamma_token_ids_not_json", PayloadKind::gamma_markets,
       R"({"id":"1","conditionId":"0xd57eed0d44f5b8ca54925d8d6ff440b146b3e6e071da18136ee3ee572d34479e","clobTokenIds":"[\"1\", ","outcomes":"[\"Yes\"]"})",
       "invalid_embedded_json"},
      {"gamma_missing_token_ids", PayloadKind::gamma_markets,
       R"({"id":"1","conditionId":"0xd57eed0d44f5b8ca54925d8d6ff440b146b3e6e071da18136ee3ee572d34479e","outcomes":"[\"Yes\",\"No\"]"})",
       "missing_field"},
      {"gamma_empty_token_id", PayloadKind::gamma_markets,
       R"({"id":"1","conditionId":"0xd57eed0d44f5b8ca54925d8d6ff440b146b3e6e071da18136ee3ee572d34479e","clobTokenIds":"[\"\", \"2\"]","outcomes":"[\"Yes\",\"No\"]"})",
       "invalid_token_id"},
      {"gamma_outcome_count", PayloadKind::gamma_markets,
       R"({"id":"1","conditionId":"0xd57eed0d44f5b8ca54925d8d6ff440b146b3e6e071da18136ee3ee572d34479e","clobTokenIds":"[\"1\", \"2\"]","outcomes":"[\"Yes\"]"})",
       "inconsistent_outcomes"},
      {"gamma_outcome_price_1_5", PayloadKind::gamma_markets,
       R"({"id":"1","conditionId":"0xd57eed0d44f5b8ca54925d8d6ff440b146b3e6e071da18136ee3ee572d34479e","clobTokenIds":"[\"1\", \"2\"]","outcomes":"[\"Yes\",\"No\"]","outcomePrices":"[\"1.5\",\"0\"]"})",
       "price_out_of_range"},
      {"gamma_bad_date", PayloadKind::gamma_markets,
       R"({"id":"1","conditionId":"0xd57eed0d44f5b8ca54925d8d6ff440b146b3e6e071da18136ee3ee572d34479e","clobTokenIds":"[\"1\"]","outcomes":"[\"Yes\"]","endDate":"2026-02-30T00:00:00Z"})",
       "invalid_timestamp"},
      {"ws_missing_event_type", PayloadKind::ws_market, R"({"market":"0x1"})", "missing_field"},
      {"ws_price_change_no_changes", PayloadKind::ws_market,
       R"({"event_type":"price_change","market":"0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1","timestamp":"1757908892351","price_changes":[]})",
       "missing_field"},
      {"ws_user_unknown", PayloadKind::ws_user, R"({"event_type":"balance"})",
       "unknown_event_type"},
      {"leaderboard_rank_zero", PayloadKind::data_leaderboard,
       R"([{"rank":"0","proxyWallet":"0xfe787d2da716d60e8acff57fb87eb13cd4d10319"}])",
       "invalid_integer"},
      {"leaderboard_rank_text", PayloadKind::data_leaderboard,
       R"([{"rank":"first","proxyWallet":"0xfe787d2da716d60e8acff57fb87eb13cd4d10319"}])",
       "invalid_integer"},
      {"order_post_bad_id", PayloadKind::clob_order_post,
       R"({"success":true,"errorMsg":"","orderID":"0x94f3","status":"live"})", "invalid_order_id"},
      {"order_post_success_no_id", PayloadKind::clob_order_post,
       R"({"success":true,"errorMsg":"","status":"live"})", "missing_field"},
      {"clob_market_no_tokens", PayloadKind::clob_market,
       R"({"condition_id":"0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917","tokens":[]})",
       "invalid_token_id"},
      {"clob_market_empty_token", PayloadKind::clob_market,
       R"({"condition_id":"0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917","tokens":[{"token_id":"","outcome":""}]})",
       "invalid_token_id"},
      {"data_page_not_array", PayloadKind::data_activity, R"({"data":{"a":1},"pagination":{}})",
       "missing_field"},
  };
  return m;
}

TEST(ParseMutations, EachGivesItsReasonCode) {
  for (const auto& m : mutations()) {
    const auto result = parse_to_normalized_json(m.kind, m.body);
    ASSERT_FALSE(result.ok()) << m.name << " parsed: " << result->dump().substr(0, 200);
    EXPECT_EQ(result.error().code, m.code) << m.name << ": " << result.error().message;
    EXPECT_FALSE(result.error().message.empty()) << m.name;
  }
}

TEST(ParseMutations, ErrorsNameTheField) {
  const auto r = parse_to_normalized_json(PayloadKind::data_trades,
                                          "[" + trade("", "") + "," + trade("price", "1.5") + "]");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("[1].price"), std::string::npos) << r.error().message;
}

TEST(ParseMutations, ExtraFieldsAndNumbersAsStringsAreFine) {
  const auto r =
      parse_data_trades(trade("size", "\"15.5\"").insert(1, R"("newField":{"x":[1,2]},)"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->items[0].size.micros(), 15'500'000);
}

TEST(ParseMutations, EveryPrefixOfEveryFixtureFailsCleanly) {
  // Truncation at every byte of a few fixtures: an error with a code, never a crash.
  for (const char* file : {"data_trades/swift_trades_market_spain_2026.json",
                           "ws_market/docs_price_change_v2_two_assets.json",
                           "clob_trades/nautilus_clob_trade_confirmed.json"}) {
    const std::string body = test::fixture(file);
    const auto kind = kind_from_name(std::string(file).substr(0, std::string(file).find('/')));
    ASSERT_TRUE(kind.has_value());
    for (std::size_t n = 0; n + 2 < body.size(); ++n) {
      const auto r = parse_to_normalized_json(*kind, std::string_view(body).substr(0, n));
      ASSERT_FALSE(r.ok()) << file << " prefix " << n;
      EXPECT_FALSE(r.error().code.empty());
    }
  }
}

TEST(ParseMutations, ByteFlipsNeverCrash) {
  const std::string body = test::fixture("ws_user/nautilus_ws_user_trade_multi_maker.json");
  const char replacements[] = {'"', '{', '}', '[', ']', ',', ':', '\\', '\x80', '\0', '9', '-'};
  for (std::size_t i = 0; i < body.size(); i += 7) {
    for (char c : replacements) {
      std::string mutated = body;
      mutated[i] = c;
      const auto r = parse_to_normalized_json(PayloadKind::ws_user, mutated);
      if (!r.ok()) {
        EXPECT_FALSE(r.error().code.empty());
      }
    }
  }
}

}  // namespace
}  // namespace polycopy::polymarket::parse
