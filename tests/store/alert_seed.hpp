#pragma once
// Seeding for the alert and audit store tests: two users (usr_a with lt_a in New York time,
// usr_b with lt_b in UTC), each with a wallet and an FT twin, three markets, six source trades;
// orders driven through the store's own calls (reservation, intent, submit, fill, end), LT and
// FT signals, health checks and alerts.
#include <cstdint>
#include <optional>
#include <string>

#include "store/store_fixture.hpp"

namespace polycopy::store::testing {

std::string hex64(int n);
std::string market_id(int m);
std::string token(int m);  // the Yes token (outcome 0) of market m
SourceTradeRecord seed_trade(int n);
core::Shares shares(std::int64_t micros);

HealthCheckRecord health_check(const std::string& id, const std::string& component,
                               HealthStatus status, std::int64_t at);
RaisedAlert raised(const std::string& id, const std::optional<std::string>& user_id,
                   const std::string& severity, const std::string& dedup_key);

class AlertSeedTest : public StoreTest {
 protected:
  void SetUp() override;

  // "ord_<n>" of `strategy` on market m (size in micro-shares), created at created_ms, bound to
  // a reservation made through the store's risk transaction.
  void intent(int n, const std::string& strategy, int m, std::int64_t created_ms,
              std::int64_t size_micros = 10'000'000);
  void submit(int n, std::int64_t at);
  void fill(int n, std::int64_t size_micros, std::int64_t at);
  void end(int n, OrderState state, const std::optional<std::string>& message, std::int64_t at);
  // A signal of `strategy` for source trade n: accepted without a reason, else refused.
  void lt_signal(int n, const std::string& strategy, const std::optional<std::string>& reason,
                 std::int64_t at);
  void ft_signal(int n, const std::string& strategy, const std::optional<std::string>& reason,
                 std::int64_t at);
  void checks(const std::vector<HealthCheckRecord>& records);

  int fills_ = 0;
};

}  // namespace polycopy::store::testing
