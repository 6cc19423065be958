#include "risk/risk_fixture.hpp"

namespace polycopy::risk::testing {

using store::testing::make_ft;
using store::testing::make_lt;
using store::testing::make_user;

core::Timestamp monday_afternoon() {
  return core::from_unix_ms(1'772'463'600'000);
}

core::Price price(std::int64_t micros) {
  return core::Price::from_micros(micros).value();
}
core::Shares shares(std::int64_t whole) {
  return core::Shares::from_micros(whole * core::kMicrosPerUnit);
}
core::Usd usd(std::int64_t whole) {
  return core::Usd::from_micros(whole * core::kMicrosPerUnit);
}

OrderRequest order(const std::string& condition, std::int64_t price_micros,
                   std::int64_t whole_shares) {
  OrderRequest request;
  request.condition_id = condition;
  request.token_id = condition + "-yes";
  request.limit_price = price(price_micros);
  request.size = shares(whole_shares);
  request.asks = {AskLevel{price(price_micros), shares(100'000)}};
  return request;
}

void RiskTest::SetUp() {
  StoreTest::SetUp();
  ASSERT_TRUE(store_->insert_user(make_user(kUser, "alice")).ok());
  ASSERT_TRUE(store_->insert_ft_strategy(make_ft("ft_a", kUser, "paper")).ok());
  auto lt = make_lt(kStrategy, kUser, "ft_a", "live");
  lt.paused = false;
  lt.pause_reason.reset();
  ASSERT_TRUE(store_->insert_lt_strategy(lt).ok());
  risk_ = std::make_unique<RiskManager>(*store_, clock_);
}

store::LtStrategy RiskTest::strategy() {
  return store_->get_lt_strategy(kUser, kStrategy).value().value();
}

void RiskTest::set_rules(const std::function<void(store::RiskRules&)>& edit) {
  auto lt = strategy();
  edit(lt.params.risk);
  ASSERT_TRUE(store_->update_lt_strategy(lt, {}).ok());
}

void RiskTest::set_time_zone(const std::string& zone) {
  auto lt = strategy();
  lt.params.time_zone = zone;
  ASSERT_TRUE(store_->update_lt_strategy(lt, {}).ok());
}

std::string RiskTest::reserve(const OrderRequest& request) {
  auto outcome = risk_->check_and_reserve(kStrategy, request);
  if (!outcome) {
    ADD_FAILURE() << outcome.error().to_string();
    return {};
  }
  if (outcome->refusal) ADD_FAILURE() << "refused: " << outcome->refusal->message;
  return outcome->reservation_id.value_or("");
}

std::string RiskTest::refusal_of(const OrderRequest& request) {
  auto outcome = risk_->check_and_reserve(kStrategy, request);
  if (!outcome) {
    ADD_FAILURE() << outcome.error().to_string();
    return "error";
  }
  return outcome->refusal ? outcome->refusal->code : "";
}

FillEvent RiskTest::fill(const std::string& reservation, const std::string& key,
                         std::int64_t whole_shares, std::int64_t price_micros, bool completes) {
  FillEvent event;
  event.reservation_id = reservation;
  event.fill_key = key;
  event.shares = shares(whole_shares);
  event.price = price(price_micros);
  event.completes_order = completes;
  event.filled_at = clock_.now();
  return event;
}

std::string RiskTest::round_trip(const OrderRequest& request, std::int64_t payout_micros) {
  const std::string id = reserve(request);
  FillEvent complete = fill(id, "fill-" + id, 1, request.limit_price.micros(), true);
  complete.shares = request.size;
  auto filled = risk_->record_fill(kStrategy, complete);
  EXPECT_TRUE(filled.ok()) << filled.error().to_string();
  ResolveEvent resolve;
  resolve.reservation_id = id;
  resolve.payout_per_share = price(payout_micros);
  auto resolved = risk_->record_resolution(kStrategy, resolve);
  EXPECT_TRUE(resolved.ok()) << resolved.error().to_string();
  return id;
}

store::RiskSnapshot RiskTest::snapshot() {
  return store_->get_risk_snapshot(kUser, kStrategy, clock_.now()).value().value();
}

store::RiskState RiskTest::state() {
  return current_state(snapshot());
}

}  // namespace polycopy::risk::testing
