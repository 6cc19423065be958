// Health checks on a real SQLite file: a run's rows written together, the latest row of each
// component, one component's history newest first, old rows pruned, bad rows refused.
#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace polycopy::store::testing {
namespace {

HealthCheckRecord check(const std::string& id, const std::string& component, HealthStatus status,
                        std::int64_t at) {
  HealthCheckRecord c;
  c.id = id;
  c.component = component;
  c.status = status;
  c.detail = component + " at " + std::to_string(at);
  c.latency_ms = at % 7;
  c.checked_at = at_ms(at);
  return c;
}

class HealthChecks : public StoreTest {};

TEST_F(HealthChecks, LatestPerComponentAndHistoryNewestFirst) {
  ASSERT_TRUE(store_
                  ->record_health_checks({check("h1", "database", HealthStatus::ok, 1'000),
                                          check("h2", "venue_rest", HealthStatus::ok, 1'000)},
                                         at_ms(0))
                  .ok());
  ASSERT_TRUE(store_
                  ->record_health_checks({check("h3", "database", HealthStatus::ok, 2'000),
                                          check("h4", "venue_rest", HealthStatus::failing, 2'000)},
                                         at_ms(0))
                  .ok());
  const auto latest = store_->latest_health_checks().value();
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].id, "h3");
  EXPECT_EQ(latest[1].id, "h4");
  EXPECT_EQ(latest[1].status, HealthStatus::failing);
  EXPECT_EQ(latest[1].detail, "venue_rest at 2000");
  EXPECT_EQ(latest[1].latency_ms, 2'000 % 7);
  EXPECT_EQ(latest[1].checked_at, at_ms(2'000));

  const auto history = store_->list_health_checks("venue_rest", 10).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].id, "h4");
  EXPECT_EQ(history[1].id, "h2");
  EXPECT_EQ(store_->list_health_checks("venue_rest", 1).value().size(), 1u);
  EXPECT_TRUE(store_->list_health_checks("nothing", 10).value().empty());
}

TEST_F(HealthChecks, RowsBeforeTheKeepTimeArePrunedWithTheNextRun) {
  ASSERT_TRUE(
      store_->record_health_checks({check("h1", "database", HealthStatus::ok, 1'000)}, at_ms(0))
          .ok());
  ASSERT_TRUE(store_
                  ->record_health_checks({check("h2", "database", HealthStatus::degraded, 5'000)},
                                         at_ms(2'000))
                  .ok());
  const auto history = store_->list_health_checks("database", 10).value();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].id, "h2");
}

TEST_F(HealthChecks, ABadRowWritesNothingOfItsRun) {
  auto bad = check("h2", "", HealthStatus::ok, 1'000);  // a component is required
  EXPECT_FALSE(
      store_
          ->record_health_checks({check("h1", "database", HealthStatus::ok, 1'000), bad}, at_ms(0))
          .ok());
  EXPECT_TRUE(store_->latest_health_checks().value().empty());
}

}  // namespace
}  // namespace polycopy::store::testing
