#include "store/store_fixture.hpp"

#include <cstdio>

#include <unistd.h>

namespace polycopy::store::testing {

using core::Price;
using core::Ratio;
using core::Usd;

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "polycopy_store_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

core::Timestamp at_ms(std::int64_t ms) {
  return core::from_unix_ms(ms);
}

std::string address(int n) {
  char buffer[43];
  std::snprintf(buffer, sizeof buffer, "0x%040x", n);
  return buffer;
}

User make_user(const std::string& id, const std::string& name) {
  return User{id, name, at_ms(1'700'000'000'000)};
}

Wallet make_wallet(const std::string& id, const std::string& user_id, int address_n) {
  Wallet wallet;
  wallet.id = id;
  wallet.user_id = user_id;
  wallet.address = address(address_n);
  wallet.signature_type = 2;
  wallet.funder = address(address_n + 1000);
  wallet.encrypted_private_key = "ZW5jcnlwdGVk";
  wallet.created_at = at_ms(1'700'000'000'500);
  return wallet;
}

FtStrategy make_ft(const std::string& id, const std::string& user_id, const std::string& name) {
  FtStrategy s;
  s.id = id;
  s.user_id = user_id;
  s.params.name = name;
  s.created_at = at_ms(1'700'000'001'000);
  s.updated_at = s.created_at;
  return s;
}

FtStrategy make_full_ft(const std::string& id, const std::string& user_id) {
  FtStrategy s = make_ft(id, user_id, "full " + id);
  auto& p = s.params;
  p.description = "every field set";
  p.starting_cash = Usd::from_micros(2'500'123'456);
  p.max_trade_age_seconds = 300;
  p.live_markets_only = true;
  p.target_traders = {address(7), address(3), address(5)};
  p.discover_month_pnl = true;
  p.discover_month_volume = true;
  p.discover_week_pnl = true;
  p.discover_top_n = 25;
  p.min_trader_resolved_count = 50;
  p.price_min = Price::from_micros(50'000).value();
  p.price_max = Price::from_micros(950'000).value();
  p.min_trader_win_rate = Ratio::from_micros(550'000);
  p.max_trader_win_rate = Ratio::from_micros(990'000);
  p.min_edge = Ratio::from_micros(-20'000);
  p.max_edge = Ratio::from_micros(400'000);
  p.min_conviction = Ratio::from_micros(500'000);
  p.max_conviction = Ratio::from_micros(5'000'000);
  p.categories = {"sports", "politics"};
  p.min_original_trade_usd = Usd::from_micros(5'000'000);
  p.max_original_trade_usd = Usd::from_micros(50'000'000'000);
  p.model_threshold = Ratio::from_micros(600'000);
  p.allow_adding = true;
  p.slippage = Ratio::from_micros(5'000);
  p.sizing_mode = SizingMode::kelly;
  p.bet_size = Usd::from_micros(12'340'000);
  p.kelly_fraction = Ratio::from_micros(100'000);
  p.min_bet = Usd::from_micros(2'000'000);
  p.max_bet = Usd::from_micros(250'000'000);
  s.paused = true;
  s.updated_at = at_ms(1'700'000'002'000);
  return s;
}

LtStrategy make_lt(const std::string& id, const std::string& user_id, const std::string& ft_id,
                   const std::string& name) {
  LtStrategy s;
  s.id = id;
  s.user_id = user_id;
  s.params.name = name;
  s.params.ft_strategy_id = ft_id;
  s.created_at = at_ms(1'700'000'003'000);
  s.updated_at = s.created_at;
  return s;
}

LtStrategy make_full_lt(const std::string& id, const std::string& user_id, const std::string& ft_id,
                        const std::string& wallet_id) {
  LtStrategy s = make_lt(id, user_id, ft_id, "live " + id);
  auto& p = s.params;
  p.wallet_id = wallet_id;
  p.order_type = OrderType::fak;
  p.order_expiry_seconds = 120;
  p.time_zone = "Europe/Berlin";
  p.starting_equity = Usd::from_micros(5'000'000'001);
  auto& r = p.risk;
  r.daily_budget_usd = Usd::from_micros(100'000'000);
  r.weekly_budget_usd = Usd::from_micros(500'000'000);
  r.monthly_budget_usd = Usd::from_micros(1'500'000'000);
  r.max_position_usd = Usd::from_micros(25'000'000);
  r.max_total_exposure_usd = Usd::from_micros(750'000'000);
  r.max_open_positions = 40;
  r.max_positions_per_market = 2;
  r.max_drawdown_pct = Ratio::from_micros(200'000);
  r.consecutive_loss_limit = 6;
  r.max_slippage_pct = Ratio::from_micros(30'000);
  r.min_order_book_depth_usd = Usd::from_micros(75'000'000);
  s.paused = false;
  s.pause_reason = "resumed by operator";
  s.updated_at = at_ms(1'700'000'004'000);
  return s;
}

void expect_same(const FtStrategy& a, const FtStrategy& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.user_id, e.user_id);
  EXPECT_EQ(a.paused, e.paused);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.updated_at, e.updated_at);
  const auto& x = a.params;
  const auto& y = e.params;
  EXPECT_EQ(x.name, y.name);
  EXPECT_EQ(x.description, y.description);
  EXPECT_EQ(x.starting_cash, y.starting_cash);
  EXPECT_EQ(x.max_trade_age_seconds, y.max_trade_age_seconds);
  EXPECT_EQ(x.live_markets_only, y.live_markets_only);
  EXPECT_EQ(x.target_traders, y.target_traders);
  EXPECT_EQ(x.discover_month_pnl, y.discover_month_pnl);
  EXPECT_EQ(x.discover_month_volume, y.discover_month_volume);
  EXPECT_EQ(x.discover_week_pnl, y.discover_week_pnl);
  EXPECT_EQ(x.discover_top_n, y.discover_top_n);
  EXPECT_EQ(x.min_trader_resolved_count, y.min_trader_resolved_count);
  EXPECT_EQ(x.price_min, y.price_min);
  EXPECT_EQ(x.price_max, y.price_max);
  EXPECT_EQ(x.min_trader_win_rate, y.min_trader_win_rate);
  EXPECT_EQ(x.max_trader_win_rate, y.max_trader_win_rate);
  EXPECT_EQ(x.min_edge, y.min_edge);
  EXPECT_EQ(x.max_edge, y.max_edge);
  EXPECT_EQ(x.min_conviction, y.min_conviction);
  EXPECT_EQ(x.max_conviction, y.max_conviction);
  EXPECT_EQ(x.categories, y.categories);
  EXPECT_EQ(x.min_original_trade_usd, y.min_original_trade_usd);
  EXPECT_EQ(x.max_original_trade_usd, y.max_original_trade_usd);
  EXPECT_EQ(x.model_threshold, y.model_threshold);
  EXPECT_EQ(x.allow_adding, y.allow_adding);
  EXPECT_EQ(x.slippage, y.slippage);
  EXPECT_EQ(x.sizing_mode, y.sizing_mode);
  EXPECT_EQ(x.bet_size, y.bet_size);
  EXPECT_EQ(x.kelly_fraction, y.kelly_fraction);
  EXPECT_EQ(x.min_bet, y.min_bet);
  EXPECT_EQ(x.max_bet, y.max_bet);
}

void expect_same(const LtStrategy& a, const LtStrategy& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.user_id, e.user_id);
  EXPECT_EQ(a.paused, e.paused);
  EXPECT_EQ(a.pause_reason, e.pause_reason);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.updated_at, e.updated_at);
  const auto& x = a.params;
  const auto& y = e.params;
  EXPECT_EQ(x.name, y.name);
  EXPECT_EQ(x.ft_strategy_id, y.ft_strategy_id);
  EXPECT_EQ(x.wallet_id, y.wallet_id);
  EXPECT_EQ(x.order_type, y.order_type);
  EXPECT_EQ(x.order_expiry_seconds, y.order_expiry_seconds);
  EXPECT_EQ(x.time_zone, y.time_zone);
  EXPECT_EQ(x.starting_equity, y.starting_equity);
  EXPECT_EQ(x.risk.daily_budget_usd, y.risk.daily_budget_usd);
  EXPECT_EQ(x.risk.weekly_budget_usd, y.risk.weekly_budget_usd);
  EXPECT_EQ(x.risk.monthly_budget_usd, y.risk.monthly_budget_usd);
  EXPECT_EQ(x.risk.max_position_usd, y.risk.max_position_usd);
  EXPECT_EQ(x.risk.max_total_exposure_usd, y.risk.max_total_exposure_usd);
  EXPECT_EQ(x.risk.max_open_positions, y.risk.max_open_positions);
  EXPECT_EQ(x.risk.max_positions_per_market, y.risk.max_positions_per_market);
  EXPECT_EQ(x.risk.max_drawdown_pct, y.risk.max_drawdown_pct);
  EXPECT_EQ(x.risk.consecutive_loss_limit, y.risk.consecutive_loss_limit);
  EXPECT_EQ(x.risk.max_slippage_pct, y.risk.max_slippage_pct);
  EXPECT_EQ(x.risk.min_order_book_depth_usd, y.risk.min_order_book_depth_usd);
}

void StoreTest::SetUp() {
  path_ = dir_.file("polycopy.db");
  store_ = open_store();
  auto applied = store_->migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().to_string();
}

std::unique_ptr<Store> StoreTest::open_store() {
  auto store = open_sqlite_store(path_);
  if (!store) ADD_FAILURE() << store.error().to_string();
  return store ? std::move(store).value() : nullptr;
}

}  // namespace polycopy::store::testing
