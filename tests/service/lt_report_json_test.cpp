// The pieces of the LT reports that need no server: query validation and the JSON of
// positions and redemption records (a pending winner says why it waits).
#include <gtest/gtest.h>

#include "service/lt_report_service.hpp"

namespace polycopy::service {
namespace {

using core::Usd;
using nlohmann::json;

store::RedemptionRecord redemption(store::RedemptionState state) {
  store::RedemptionRecord r;
  r.id = "rdm_1";
  r.lt_position_id = "ltp_1";
  r.wallet_id = "wal_1";
  r.condition_id = "0xabc";
  r.state = state;
  r.expected = Usd::from_micros(20'000'000);
  r.created_at = r.updated_at = core::from_unix_ms(1'795'635'000'000);
  return r;
}

TEST(LtReportJson, ARedemptionSaysWhatRedeemsItAndWhatWasPaid) {
  const json pending = to_json(redemption(store::RedemptionState::pending));
  EXPECT_EQ(pending.at("state"), "pending");
  EXPECT_EQ(pending.at("expected"), "20");
  EXPECT_EQ(pending.at("tx_hash"), nullptr);
  EXPECT_EQ(pending.at("attempts"), 0);
  EXPECT_EQ(pending.at("created_at"), "2026-11-25T19:30:00.000Z");
  ASSERT_TRUE(pending.at("note").is_string());
  EXPECT_NE(pending.at("note").get<std::string>().find("polycopy redeem"), std::string::npos);
  EXPECT_EQ(pending.at("paid"), nullptr);

  auto confirmed_record = redemption(store::RedemptionState::confirmed);
  confirmed_record.tx_hash = "0xfeed";
  confirmed_record.attempts = 1;
  confirmed_record.paid = Usd::from_micros(19'500'000);
  const json confirmed = to_json(confirmed_record);
  EXPECT_EQ(confirmed.at("state"), "confirmed");
  EXPECT_EQ(confirmed.at("tx_hash"), "0xfeed");
  EXPECT_EQ(confirmed.at("paid"), "19.5");
  EXPECT_EQ(confirmed.at("note"), nullptr);

  // A failed one waiting for its retry has no note; one with no retry left says how.
  auto failed_record = redemption(store::RedemptionState::failed);
  failed_record.next_attempt_at = failed_record.created_at;
  EXPECT_EQ(to_json(failed_record).at("note"), nullptr);
  failed_record.next_attempt_at.reset();
  EXPECT_NE(to_json(failed_record).at("note").get<std::string>().find("--retry-failed"),
            std::string::npos);
  EXPECT_EQ(to_json(redemption(store::RedemptionState::closed)).at("note"), nullptr);
}

TEST(LtReportJson, ASettledPositionComparesWithItsPaperTwin) {
  store::LtPositionRecord p;
  p.id = "ltp_1";
  p.order_id = "ord_1";
  p.shares = core::Shares::from_micros(20'000'000);
  p.cost = Usd::from_micros(9'920'000);
  p.fees = Usd::from_micros(10'000);
  p.status = store::LtPositionStatus::resolved;
  p.payout = Usd::from_micros(20'000'000);
  p.pnl = Usd::from_micros(10'070'000);
  p.ft_position_id = "pp_1";
  p.ft_cost = Usd::from_micros(10'000'000);
  p.ft_pnl = Usd::from_micros(10'408'163);
  const json body = to_json(p);
  EXPECT_EQ(body.at("status"), "resolved");
  EXPECT_EQ(body.at("pnl"), "10.07");
  EXPECT_EQ(body.at("ft_pnl"), "10.408163");
  EXPECT_EQ(body.at("pnl_vs_ft"), "-0.338163");

  p.pnl.reset();
  EXPECT_EQ(to_json(p).at("pnl_vs_ft"), nullptr);
}

TEST(LtReportQueries, EachReportTakesItsOwnParameters) {
  LtReportQuery query;
  query.state = "partially_filled";
  query.limit = "20";
  query.offset = "40";
  const auto orders = to_lt_order_query(query);
  ASSERT_TRUE(orders.ok()) << orders.error().to_string();
  EXPECT_EQ(orders->state, store::OrderState::partially_filled);
  EXPECT_EQ(orders->limit, 20);
  EXPECT_EQ(orders->offset, 40);
  EXPECT_EQ(to_lt_position_query(query).error().code, "invalid_query");  // state
  EXPECT_EQ(to_lt_execution_query(query).error().code, "invalid_query");

  LtReportQuery positions;
  positions.status = "closed";
  const auto parsed = to_lt_position_query(positions);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->status, store::LtPositionStatus::closed);
  EXPECT_EQ(parsed->limit, 100);
  EXPECT_EQ(to_lt_order_query(positions).error().code, "invalid_query");  // status

  LtReportQuery defaults;
  EXPECT_EQ(to_lt_execution_query(defaults)->limit, 100);
  defaults.offset = "+1";
  EXPECT_EQ(to_lt_execution_query(defaults).error().code, "invalid_query");

  const auto pairs = lt_report_query_from_pairs({{"state", "filled"}}, kLtPositionsParams);
  ASSERT_FALSE(pairs.ok());
  EXPECT_NE(pairs.error().message.find("takes status, limit, offset"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::service
