// The wallet funds health check against the simulator over real sockets: the venue's
// collateral balance and allowance of each wallet an LT strategy trades from, set through
// the simulator's POST /sim/wallets/{address}/fund, against the budget its strategies'
// live reservations hold (made by the risk manager): ok, degraded within the margin, failing
// below the commitments (balance or allowance) or when the venue cannot be asked, with no
// secret in the detail; a wallet no LT strategy uses is not checked.
#include "engine/wallet_funds_check.hpp"

#include <gtest/gtest.h>

#include "chain/hex.hpp"
#include "chain/private_key.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/health_monitor.hpp"
#include "engine/live_setup.hpp"
#include "risk/risk_manager.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::engine {
namespace {

using store::HealthStatus;

const std::string kKey = "0x00000000000000000000000000000000000000000000000000000000000000a1";
const std::string kOtherKey = "0x00000000000000000000000000000000000000000000000000000000000000b2";
const std::string kClosed = "http://127.0.0.1:9";

net::HttpClientOptions one_attempt() {
  net::HttpClientOptions options;
  options.retry.max_attempts = 1;
  return options;
}

core::Usd usd(const std::string& text) {
  return core::Usd::parse(text).value();
}

class WalletFundsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set(sim_.now());  // the L1/L2 headers carry the time the venue checks
    store::Store& s = *fx_.store;
    testing::store_user(s, clock_.now());
    wallet_ = testing::store_wallet(s, box_, kKey, clock_.now());
    testing::store_live_pair(s, clock_.now());
  }

  // The risk manager holds `amount` for the strategy: 2 x amount shares at 0.50.
  std::string commit(const std::string& lt, const std::string& amount) {
    risk::OrderRequest order;
    order.condition_id = testing::fake_hex(++orders_, 64);
    order.token_id = std::to_string(1000 + orders_);
    order.limit_price = core::Price::parse("0.5").value();
    order.size = core::Shares::from_micros(usd(amount).micros() * 2);
    order.asks = {risk::AskLevel{order.limit_price, core::Shares::from_micros(100'000'000'000)}};
    const auto reserved = risk_.check_and_reserve(lt, order);
    EXPECT_TRUE(reserved.ok()) << reserved.error().to_string();
    if (!reserved) return "";
    EXPECT_FALSE(reserved->refusal) << reserved->refusal->message;
    EXPECT_EQ(reserved->amount, usd(amount));
    return reserved->reservation_id.value_or("");
  }

  void fund(const std::string& address, const std::string& balance, const std::string& allowance) {
    sim_.post(sim_.urls.sim + "/wallets/" + address + "/fund",
              {{"balance", balance}, {"allowance", allowance}});
  }
  void fund(const std::string& balance, const std::string& allowance) {
    fund(wallet_.address, balance, allowance);
  }

  std::vector<store::HealthCheckRecord> run(WalletFundsOptions options = {}) {
    WalletFundsCheck check(*fx_.store, wallets_, *sim_.http, sim_.urls.clob, clock_, options);
    return check.run();
  }
  // The one check there must be, of wal_1.
  store::HealthCheckRecord only(const std::vector<store::HealthCheckRecord>& checks) {
    EXPECT_EQ(checks.size(), 1u);
    if (checks.empty()) return {};
    EXPECT_EQ(checks.front().component, "wallet_funds:wal_1");
    return checks.front();
  }
  store::HealthCheckRecord run_one(WalletFundsOptions options = {}) { return only(run(options)); }

  testing::RunningSim sim_{testing::frozen_scenario(17, 2, 3)};
  testing::StoreFixture fx_;
  core::ManualClock clock_;
  core::SecretBox box_ = core::SecretBox::from_hex(std::string(64, 'e')).value();
  store::Wallet wallet_;
  risk::RiskManager risk_{*fx_.store, clock_};
  WalletAccess wallets_{*fx_.store, box_, *sim_.http, sim_.urls.clob, clock_};
  std::uint64_t orders_ = 0;
};

TEST_F(WalletFundsTest, AmpleBalanceAndAllowanceAreOkWithTheFigures) {
  commit("lt_a", "40");
  fund("1000", "750.5");
  const auto check = run_one();
  EXPECT_EQ(check.status, HealthStatus::ok) << check.detail.value_or("");
  EXPECT_EQ(check.detail.value_or(""), "balance 1000 USD, allowance 750.5 USD, commitments 40 USD");
  ASSERT_TRUE(check.latency_ms.has_value());
  EXPECT_GE(*check.latency_ms, 0);
  EXPECT_TRUE(check.id.empty());  // the monitor's to fill
}

TEST_F(WalletFundsTest, LessThanTheMarginAboveTheCommitmentsIsDegraded) {
  commit("lt_a", "40");
  fund("49.999999", "1000");
  auto check = run_one();
  EXPECT_EQ(check.status, HealthStatus::degraded) << check.detail.value_or("");
  EXPECT_EQ(check.detail.value_or(""),
            "low headroom: balance 49.999999 USD, open commitments 40 USD, margin 10 USD, "
            "allowance 1000 USD");
  EXPECT_TRUE(check.latency_ms.has_value());

  fund("50", "1000");  // exactly the margin above: ok
  check = run_one();
  EXPECT_EQ(check.status, HealthStatus::ok) << check.detail.value_or("");

  fund("45", "1000");
  EXPECT_EQ(run_one().status, HealthStatus::degraded);
  WalletFundsOptions narrow;
  narrow.margin = usd("2");
  check = run_one(narrow);
  EXPECT_EQ(check.status, HealthStatus::ok) << check.detail.value_or("");
}

TEST_F(WalletFundsTest, ABalanceBelowTheCommitmentsIsFailingUntilTheyAreReleased) {
  const auto reservation = commit("lt_a", "40");
  fund("12.5", "1000");
  auto check = run_one();
  EXPECT_EQ(check.status, HealthStatus::failing);
  EXPECT_EQ(check.detail.value_or(""), "balance 12.5 USD below open commitments 40 USD");
  EXPECT_TRUE(check.latency_ms.has_value());

  // The order ended: nothing is held any more, and 12.5 USD is headroom beyond the margin.
  const auto finished = risk_.finish_order("lt_a", risk::FinishEvent{reservation, {}});
  ASSERT_TRUE(finished.ok()) << finished.error().to_string();
  check = run_one();
  EXPECT_EQ(check.status, HealthStatus::ok) << check.detail.value_or("");
  EXPECT_EQ(check.detail.value_or(""), "balance 12.5 USD, allowance 1000 USD, commitments 0 USD");
}

TEST_F(WalletFundsTest, AnAllowanceBelowTheCommitmentsIsFailing) {
  commit("lt_a", "40");
  fund("1000", "30");
  auto check = run_one();
  EXPECT_EQ(check.status, HealthStatus::failing);
  EXPECT_EQ(check.detail.value_or(""), "allowance 30 USD (exchange) below open commitments 40 USD");

  fund("10", "5");  // both short: both named
  check = run_one();
  EXPECT_EQ(check.status, HealthStatus::failing);
  EXPECT_EQ(check.detail.value_or(""),
            "balance 10 USD below open commitments 40 USD; allowance 5 USD (exchange) below "
            "open commitments 40 USD");
}

TEST_F(WalletFundsTest, TheCommitmentsOfEveryStrategyOfTheWalletAddUp) {
  // A second strategy on wal_1 (paused: its orders still hold budget), and a third on wal_2.
  ASSERT_TRUE(
      fx_.store->insert_lt_strategy(testing::live_strategy("lt_b", "live b", clock_.now())).ok());
  store::Wallet other;
  other.id = "wal_2";
  other.user_id = "usr_a";
  other.address = chain::to_hex(chain::PrivateKey::parse(kOtherKey).value().address());
  other.encrypted_private_key =
      box_.seal(kOtherKey, store::wallet_secret_context("wal_2", store::kPrivateKeySecret));
  other.created_at = clock_.now();
  ASSERT_TRUE(fx_.store->insert_wallet(other).ok());
  auto third = testing::live_strategy("lt_c", "live c", clock_.now());
  third.params.wallet_id = "wal_2";
  ASSERT_TRUE(fx_.store->insert_lt_strategy(third).ok());

  commit("lt_a", "40");
  commit("lt_b", "20.25");
  commit("lt_c", "500");
  store::RuleChange change;
  change.id = "chg_1";
  change.user_id = "usr_a";
  change.actor = "user:usr_a";
  change.entity_type = "lt_strategy";
  change.entity_id = "lt_b";
  change.action = "pause";
  change.changed_at = clock_.now();
  ASSERT_TRUE(fx_.store->set_lt_paused("usr_a", "lt_b", true, "test", change).ok());

  fund("70", "1000");
  fund(other.address, "1000", "1000");
  const auto checks = run();
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].component, "wallet_funds:wal_1");
  EXPECT_EQ(checks[0].status, HealthStatus::degraded) << checks[0].detail.value_or("");
  EXPECT_NE(checks[0].detail.value_or("").find("open commitments 60.25 USD"), std::string::npos)
      << checks[0].detail.value_or("");
  EXPECT_EQ(checks[1].component, "wallet_funds:wal_2");
  EXPECT_EQ(checks[1].status, HealthStatus::ok) << checks[1].detail.value_or("");
  EXPECT_EQ(checks[1].detail.value_or(""),
            "balance 1000 USD, allowance 1000 USD, commitments 500 USD");
}

TEST_F(WalletFundsTest, AWalletNoLtStrategyUsesIsNotChecked) {
  store::Wallet idle;
  idle.id = "wal_0";  // sorts first
  idle.user_id = "usr_a";
  idle.address = chain::to_hex(chain::PrivateKey::parse(kOtherKey).value().address());
  idle.created_at = clock_.now();
  ASSERT_TRUE(fx_.store->insert_wallet(idle).ok());
  const auto checks = run();
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks.front().component, "wallet_funds:wal_1");
  EXPECT_EQ(checks.front().status, HealthStatus::ok) << checks.front().detail.value_or("");
  // With no LT strategy at all, nothing is checked.
  testing::StoreFixture empty;
  WalletFundsCheck none(*empty.store, wallets_, *sim_.http, sim_.urls.clob, clock_);
  EXPECT_TRUE(none.run().empty());
}

TEST_F(WalletFundsTest, AVenueThatCannotBeAskedIsFailingWithItsCodeAndNoSecret) {
  commit("lt_a", "40");
  net::HttpClient offline(one_attempt());
  WalletAccess offline_wallets(*fx_.store, box_, offline, kClosed, clock_);
  WalletFundsCheck check(*fx_.store, offline_wallets, offline, kClosed, clock_);

  // No credentials cached yet: deriving them needs the venue.
  auto result = only(check.run());
  EXPECT_EQ(result.status, HealthStatus::failing);
  EXPECT_EQ(result.detail.value_or(""), "no venue credentials for the wallet: connection_failed");
  EXPECT_FALSE(result.latency_ms.has_value());

  // Cached (derived from the simulator), but the venue is unreachable for the balance.
  const auto identity = wallets_.trading_identity(wallet_);
  ASSERT_TRUE(identity.ok()) << identity.error().to_string();
  result = only(check.run());
  EXPECT_EQ(result.status, HealthStatus::failing);
  EXPECT_EQ(result.detail.value_or(""),
            "the venue's balance and allowance could not be read: connection_failed");
  EXPECT_TRUE(result.latency_ms.has_value());
  const std::string detail = result.detail.value_or("");
  for (const std::string& secret : {identity->credentials.key, identity->credentials.secret,
                                    identity->credentials.passphrase, kKey, kKey.substr(2)})
    EXPECT_EQ(detail.find(secret), std::string::npos) << "secret in: " << detail;

  // Credentials sealed under another wallet key do not open: failing with that code.
  const auto other_box = core::SecretBox::from_hex(std::string(64, 'd')).value();
  WalletAccess wrong_key(*fx_.store, other_box, *sim_.http, sim_.urls.clob, clock_);
  WalletFundsCheck locked(*fx_.store, wrong_key, *sim_.http, sim_.urls.clob, clock_);
  result = only(locked.run());
  EXPECT_EQ(result.status, HealthStatus::failing);
  EXPECT_EQ(result.detail.value_or(""),
            "no venue credentials for the wallet: secret_undecryptable");
}

TEST_F(WalletFundsTest, RunsAsAProbeOfTheHealthMonitor) {
  commit("lt_a", "40");
  fund("12.5", "1000");
  WalletFundsCheck check(*fx_.store, wallets_, *sim_.http, sim_.urls.clob, clock_);
  HealthMonitor monitor(*fx_.store, clock_, nullptr, nullptr);
  monitor.add_probe([&check] { return check.run(); });
  const auto checks = monitor.run_once();
  ASSERT_EQ(checks.size(), 2u);  // database, wallet_funds:wal_1
  EXPECT_EQ(checks[1].component, "wallet_funds:wal_1");
  EXPECT_EQ(checks[1].status, HealthStatus::failing);
  EXPECT_FALSE(checks[1].id.empty());
  const auto recorded = fx_.store->list_health_checks("wallet_funds:wal_1", 10).value();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded.front().status, HealthStatus::failing);
  EXPECT_EQ(recorded.front().detail.value_or(""), "balance 12.5 USD below open commitments 40 USD");
}

}  // namespace
}  // namespace polycopy::engine
