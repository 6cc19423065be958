#include "app/demo/demo_setup.hpp"

#include "chain/hex.hpp"
#include "chain/private_key.hpp"
#include "core/ids.hpp"
#include "service/auth.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::app {
namespace {

constexpr std::int64_t kUnit = core::kMicrosPerUnit;

store::FtStrategyParams twin_params(const sim::Scenario& scenario) {
  store::FtStrategyParams p;
  p.name = "demo paper";
  p.description = "copies six simulated traders on paper";
  for (std::size_t i = 0; i < scenario.traders.size() && i < 6; ++i)
    p.target_traders.push_back(chain::to_hex(scenario.traders[i].wallet));
  // The demo steps the clock 15 minutes at a time: a trade may be that old when first seen.
  p.max_trade_age_seconds = 1800;
  p.min_trader_resolved_count = 0;
  p.allow_adding = true;
  p.sizing_mode = store::SizingMode::fixed;
  p.bet_size = core::Usd::from_micros(8 * kUnit);
  p.min_bet = core::Usd::from_micros(1 * kUnit);
  p.max_bet = core::Usd::from_micros(20 * kUnit);
  p.starting_cash = core::Usd::from_micros(1'000 * kUnit);
  return p;
}

store::LtStrategyParams live_params(const std::string& ft_id, const std::string& wallet_id) {
  store::LtStrategyParams p;
  p.name = "demo live";
  p.ft_strategy_id = ft_id;
  p.wallet_id = wallet_id;
  p.order_type = store::OrderType::gtc;
  p.order_expiry_seconds = 600;
  p.time_zone = "America/New_York";
  p.starting_equity = core::Usd::from_micros(200 * kUnit);
  auto& r = p.risk;
  r.daily_budget_usd = core::Usd::from_micros(40 * kUnit);  // five bets a day
  r.weekly_budget_usd = core::Usd::from_micros(150 * kUnit);
  r.monthly_budget_usd = core::Usd::from_micros(400 * kUnit);
  r.max_position_usd = core::Usd::from_micros(20 * kUnit);
  r.max_total_exposure_usd = core::Usd::from_micros(120 * kUnit);
  r.max_open_positions = 20;
  r.max_positions_per_market = 3;
  r.max_drawdown_pct = core::Ratio::from_micros(50'000);  // 5 %: 10 USD
  r.consecutive_loss_limit = 3;
  r.max_slippage_pct = core::Ratio::from_micros(50'000);
  return p;
}

}  // namespace

core::Result<DemoCast> create_demo_cast(store::Store& store, const core::Clock& clock,
                                        const core::SecretBox& wallet_key,
                                        const sim::Scenario& scenario) {
  DemoCast cast;
  auto user = service::create_user(store, clock, "demo");
  if (!user) return user.error();
  cast.user_id = user->id;
  auto key = service::create_api_key(store, clock, user->id, "demo");
  if (!key) return key.error();
  cast.api_key = key->plaintext;

  const std::string secret = "0x" + core::random_hex(32);
  auto private_key = chain::PrivateKey::parse(secret);
  if (!private_key) return private_key.error();
  store::Wallet wallet;
  wallet.id = core::new_id("wal", clock);
  wallet.user_id = cast.user_id;
  wallet.address = chain::to_hex(private_key->address());
  wallet.encrypted_private_key =
      wallet_key.seal(secret, store::wallet_secret_context(wallet.id, store::kPrivateKeySecret));
  wallet.created_at = clock.now();
  if (auto stored = store.insert_wallet(wallet); !stored) return stored.error();
  cast.wallet_id = wallet.id;

  store::FtStrategy ft;
  ft.id = core::new_id("ft", clock);
  ft.user_id = cast.user_id;
  ft.params = twin_params(scenario);
  ft.created_at = ft.updated_at = clock.now();
  if (auto stored = store.insert_ft_strategy(ft); !stored) return stored.error();
  cast.ft_id = ft.id;

  store::LtStrategy lt;
  lt.id = core::new_id("lt", clock);
  lt.user_id = cast.user_id;
  lt.params = live_params(ft.id, wallet.id);
  lt.paused = false;  // the demo goes live at once
  lt.created_at = lt.updated_at = clock.now();
  if (auto stored = store.insert_lt_strategy(lt); !stored) return stored.error();
  cast.lt_id = lt.id;
  return cast;
}

}  // namespace polycopy::app
