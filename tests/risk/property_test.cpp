// Random sequences of reserve / fill / partial fill / cancel / resolve / clock jumps, checked
// after every step against an independent model kept here: spent and reserved per window
// equal the sums over live orders and fills, exposure and open counts match, no window or
// exposure ever passes its limit, approvals are exactly the ones the limits allow, and
// equity, peak and the losing streak follow the resolutions.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/time_window.hpp"
#include "risk/risk_fixture.hpp"

namespace polycopy::risk::testing {
namespace {

using core::Timestamp;
using core::Usd;

constexpr char kZone[] = "Europe/London";
constexpr std::int64_t kDaily = 60'000'000, kWeekly = 150'000'000, kMonthly = 300'000'000;
constexpr std::int64_t kExposure = 120'000'000, kMaxOpen = 20, kPerMarket = 6;
constexpr std::int64_t kLossLimit = 4, kMaxDrawdown = 250'000;

struct ModelOrder {
  std::string id, condition;
  std::int64_t limit = 0, size = 0;  // micros
  std::int64_t held = 0, spent = 0, filled = 0;
  bool live = true, position = false, resolved = false;
  Timestamp day, week, month;
};

std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return (a + b - 1) / b;
}

class RiskProperty : public RiskTest, public ::testing::WithParamInterface<int> {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    set_time_zone(kZone);
    set_rules([](auto& r) {
      r.daily_budget_usd = Usd::from_micros(kDaily);
      r.weekly_budget_usd = Usd::from_micros(kWeekly);
      r.monthly_budget_usd = Usd::from_micros(kMonthly);
      r.max_total_exposure_usd = Usd::from_micros(kExposure);
      r.max_open_positions = kMaxOpen;
      r.max_positions_per_market = kPerMarket;
      r.consecutive_loss_limit = kLossLimit;
      r.max_drawdown_pct = core::Ratio::from_micros(kMaxDrawdown);
    });
    rng_.seed(static_cast<std::uint32_t>(GetParam()));
  }

  Timestamp start(core::Window w) { return core::window_start(w, clock_.now(), kZone).value(); }

  std::int64_t window_sum(Timestamp ModelOrder::*key, core::Window w, bool held) {
    const Timestamp current = start(w);
    std::int64_t sum = 0;
    for (const auto& o : orders_)
      if (o.*key == current) sum += held ? (o.live ? o.held : 0) : o.spent;
    return sum;
  }

  std::int64_t open_count(const std::string* condition = nullptr) {
    std::int64_t n = 0;
    for (const auto& o : orders_)
      if ((o.live || o.position) && (!condition || o.condition == *condition)) ++n;
    return n;
  }

  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }

  ModelOrder* pick(bool (*wanted)(const ModelOrder&)) {
    std::vector<ModelOrder*> candidates;
    for (auto& o : orders_)
      if (wanted(o)) candidates.push_back(&o);
    if (candidates.empty()) return nullptr;
    return candidates[static_cast<std::size_t>(uniform(0, std::ssize(candidates) - 1))];
  }

  void step_reserve() {
    ModelOrder o;
    o.condition = "0xm" + std::to_string(uniform(1, 6));
    o.limit = uniform(5, 95) * 10'000;
    o.size = uniform(1, 80) * 500'000;
    const std::int64_t amount = ceil_div(o.size * o.limit, core::kMicrosPerUnit);
    const bool allowed = !breaker_ &&
                         window_sum(&ModelOrder::day, core::Window::day, false) +
                                 window_sum(&ModelOrder::day, core::Window::day, true) + amount <=
                             kDaily &&
                         window_sum(&ModelOrder::week, core::Window::week, false) +
                                 window_sum(&ModelOrder::week, core::Window::week, true) + amount <=
                             kWeekly &&
                         window_sum(&ModelOrder::month, core::Window::month, false) +
                                 window_sum(&ModelOrder::month, core::Window::month, true) +
                                 amount <=
                             kMonthly &&
                         exposure() + reserved() + amount <= kExposure &&
                         open_count() + 1 <= kMaxOpen && open_count(&o.condition) + 1 <= kPerMarket;
    OrderRequest request = order(o.condition, o.limit, 1);
    request.size = core::Shares::from_micros(o.size);
    const auto outcome = risk_->check_and_reserve(kStrategy, request).value();
    ASSERT_EQ(outcome.reservation_id.has_value(), allowed)
        << (outcome.refusal ? outcome.refusal->code : "approved") << " step " << step_;
    ASSERT_EQ(outcome.amount.micros(), amount);
    if (!allowed) {
      ++refused_[outcome.refusal->code];
      return;
    }
    o.id = *outcome.reservation_id;
    o.held = amount;
    o.day = start(core::Window::day);
    o.week = start(core::Window::week);
    o.month = start(core::Window::month);
    orders_.push_back(o);
  }

  void step_fill() {
    ModelOrder* o = pick([](const ModelOrder& m) { return m.live && m.filled < m.size; });
    if (!o) return;
    const std::int64_t shares = std::min(o->size - o->filled, uniform(1, 40) * 500'000);
    const std::int64_t fill_price =
        std::max<std::int64_t>(10'000, o->limit - uniform(0, 5) * 10'000);
    const bool completes = o->filled + shares == o->size || uniform(0, 4) == 0;
    FillEvent event = fill(o->id, "f" + std::to_string(++fills_), 1, fill_price, completes);
    event.shares = core::Shares::from_micros(shares);
    ASSERT_TRUE(risk_->record_fill(kStrategy, event).ok());
    const std::int64_t cost = ceil_div(shares * fill_price, core::kMicrosPerUnit);
    o->held -= std::min(cost, o->held);
    o->spent += cost;
    o->filled += shares;
    o->position = true;
    if (completes) o->live = false;
  }

  void step_finish() {
    ModelOrder* o = pick([](const ModelOrder& m) { return m.live; });
    if (!o) return;
    const auto end = static_cast<OrderEnd>(uniform(1, 3));
    ASSERT_TRUE(risk_->finish_order(kStrategy, FinishEvent{o->id, end}).ok());
    o->live = false;
  }

  void step_resolve() {
    ModelOrder* o = pick([](const ModelOrder& m) { return !m.live && m.position && !m.resolved; });
    if (!o) return;
    const std::int64_t payout_price = uniform(0, 2) * 500'000;
    ResolveEvent event{o->id, price(payout_price), Usd{}, "", ""};
    ASSERT_TRUE(risk_->record_resolution(kStrategy, event).ok());
    const std::int64_t pnl = o->filled * payout_price / core::kMicrosPerUnit - o->spent;
    o->position = false;
    o->resolved = true;
    pnl_ += pnl;
    peak_ = std::max(peak_, 1'000'000'000 + pnl_);
    if (pnl < 0) ++losses_;
    if (pnl > 0) losses_ = 0;
    const std::int64_t equity = 1'000'000'000 + pnl_;
    const bool drawdown_hit = (peak_ - equity) * core::kMicrosPerUnit >= kMaxDrawdown * peak_;
    if (!breaker_ && (losses_ >= kLossLimit || drawdown_hit)) {
      breaker_ = true;
      ++trips_;
    }
  }

  void maybe_reset_breaker() {
    if (!breaker_ || uniform(0, 2) != 0) return;
    ResetBreakerEvent event;
    event.actor = "user:usr_a";
    event.user_id = kUser;
    ASSERT_TRUE(risk_->reset_breaker(kStrategy, event).ok());
    breaker_ = false;
    losses_ = 0;
    peak_ = 1'000'000'000 + pnl_;
  }

  std::int64_t exposure() {
    std::int64_t sum = 0;
    for (const auto& o : orders_)
      if (o.position) sum += o.spent;
    return sum;
  }
  std::int64_t reserved() {
    std::int64_t sum = 0;
    for (const auto& o : orders_)
      if (o.live) sum += o.held;
    return sum;
  }

  void check_invariants() {
    const auto s = state();
    const std::string at = "step " + std::to_string(step_);
    ASSERT_EQ(s.day_spent.micros(), window_sum(&ModelOrder::day, core::Window::day, false)) << at;
    ASSERT_EQ(s.day_reserved.micros(), window_sum(&ModelOrder::day, core::Window::day, true)) << at;
    ASSERT_EQ(s.week_spent.micros(), window_sum(&ModelOrder::week, core::Window::week, false))
        << at;
    ASSERT_EQ(s.week_reserved.micros(), window_sum(&ModelOrder::week, core::Window::week, true))
        << at;
    ASSERT_EQ(s.month_spent.micros(), window_sum(&ModelOrder::month, core::Window::month, false))
        << at;
    ASSERT_EQ(s.month_reserved.micros(), window_sum(&ModelOrder::month, core::Window::month, true))
        << at;
    ASSERT_EQ(s.reserved.micros(), reserved()) << at;
    ASSERT_EQ(s.exposure.micros(), exposure()) << at;
    ASSERT_EQ(snapshot().open_positions, open_count()) << at;
    ASSERT_LE((s.day_spent + s.day_reserved).micros(), kDaily) << at;
    ASSERT_LE((s.week_spent + s.week_reserved).micros(), kWeekly) << at;
    ASSERT_LE((s.month_spent + s.month_reserved).micros(), kMonthly) << at;
    ASSERT_LE((s.exposure + s.reserved).micros(), kExposure) << at;
    ASSERT_LE(open_count(), kMaxOpen) << at;
    ASSERT_EQ(s.realised_pnl.micros(), pnl_) << at;
    ASSERT_EQ(s.equity.micros(), 1'000'000'000 + pnl_) << at;
    ASSERT_EQ(s.peak_equity.micros(), peak_) << at;
    ASSERT_EQ(s.consecutive_losses, losses_) << at;
    ASSERT_EQ(s.breaker_open, breaker_) << at;
    ASSERT_EQ(strategy().paused, breaker_) << at;
  }

  std::mt19937 rng_;
  std::vector<ModelOrder> orders_;
  std::int64_t fills_ = 0, step_ = 0, pnl_ = 0, peak_ = 1'000'000'000, losses_ = 0;
  bool breaker_ = false;
  std::map<std::string, int> refused_;
  int trips_ = 0;
};

TEST_P(RiskProperty, StateAlwaysMatchesTheSumsAndNeverPassesALimit) {
  for (step_ = 0; step_ < 250; ++step_) {
    const auto dice = uniform(0, 99);
    if (dice < 35) {
      step_reserve();
    } else if (dice < 58) {
      step_fill();
    } else if (dice < 72) {
      step_finish();
    } else if (dice < 90) {
      step_resolve();
    } else {
      clock_.advance(std::chrono::minutes(uniform(1, 60 * 40)));
    }
    if (HasFatalFailure()) return;
    maybe_reset_breaker();
    check_invariants();
    if (HasFatalFailure()) return;
  }
  // The sequence reached the limits it is meant to test.
  EXPECT_GE(orders_.size(), 20u);
  EXPECT_FALSE(refused_.empty());
  for (const auto& [code, n] : refused_) RecordProperty("refused_" + code, n);
  RecordProperty("breaker_trips", trips_);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RiskProperty, ::testing::Range(1, 21));

}  // namespace
}  // namespace polycopy::risk::testing
