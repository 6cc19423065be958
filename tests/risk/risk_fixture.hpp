#pragma once
// Risk tests run against a real SQLite file: a user, an FT twin and a running LT strategy
// (UTC, starting equity 1000, no rules), a manual clock and the RiskManager.
#include <functional>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "risk/risk_manager.hpp"
#include "store/store_fixture.hpp"

namespace polycopy::risk::testing {

inline constexpr char kStrategy[] = "lt_a";
inline constexpr char kUser[] = "usr_a";

// 2026-03-02T15:00:00Z, a Monday.
core::Timestamp monday_afternoon();

core::Price price(std::int64_t micros);
core::Shares shares(std::int64_t whole);
core::Usd usd(std::int64_t whole);

// An order for `whole_shares` at `price_micros` against a deep book whose best ask is the
// limit price.
OrderRequest order(const std::string& condition, std::int64_t price_micros,
                   std::int64_t whole_shares);

class RiskTest : public store::testing::StoreTest {
 protected:
  void SetUp() override;

  void set_rules(const std::function<void(store::RiskRules&)>& edit);
  void set_time_zone(const std::string& zone);
  // Approved reservation id (fails the test on a refusal).
  std::string reserve(const OrderRequest& request);
  // The refusal's code ("" when approved).
  std::string refusal_of(const OrderRequest& request);
  // Reserve, fill completely at the limit price, and resolve with this payout per share.
  std::string round_trip(const OrderRequest& request, std::int64_t payout_micros);
  FillEvent fill(const std::string& reservation, const std::string& key, std::int64_t whole_shares,
                 std::int64_t price_micros, bool completes);
  store::RiskSnapshot snapshot();
  store::RiskState state();  // rolled to the clock
  store::LtStrategy strategy();

  core::ManualClock clock_{monday_afternoon()};
  std::unique_ptr<RiskManager> risk_;
};

}  // namespace polycopy::risk::testing
