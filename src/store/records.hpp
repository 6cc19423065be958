#pragma once
// Plain records the store persists. No database types here: the SQLite and (later)
// PostgreSQL backends map these to rows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"

namespace polycopy::store {

using core::Price;
using core::Ratio;
using core::Shares;
using core::Timestamp;
using core::Usd;

struct User {
  std::string id;  // "usr_…"
  std::string name;
  Timestamp created_at;
};

struct ApiKey {
  std::string id;  // "key_…"
  std::string user_id;
  std::string key_hash;  // sha256 hex of the secret key; the key itself is never stored
  std::string label;
  Timestamp created_at;
  std::optional<Timestamp> revoked_at;
};

// A trading wallet. Secrets are stored only sealed (core::SecretBox), never in clear.
struct Wallet {
  std::string id;  // "wal_…"
  std::string user_id;
  std::string address;                // signer, lower-case 0x + 40 hex
  std::int64_t signature_type = 0;    // 0 EOA, 1 Poly proxy, 2 Gnosis safe, 3 (V2) deposit wallet
  std::optional<std::string> funder;  // maker address when it differs from the signer
  std::optional<std::string> encrypted_private_key;  // sealed private key
  Timestamp created_at;
  // CLOB API credentials derived with L1 auth, cached: the key in clear (it is an id), the
  // secret and passphrase sealed.
  std::optional<std::string> api_key, api_secret_sealed, api_passphrase_sealed;
  std::optional<Timestamp> api_credentials_at;
};

enum class SizingMode { fixed, kelly, edge_scaled, tiered, conviction, confidence };
enum class OrderType { gtc, fok, fak };

// Evaluation filters and sizing of domain.md; an LT strategy uses its FT twin's.
struct FtStrategyParams {
  std::string name;
  std::string description;
  Usd starting_cash = Usd::from_micros(1'000 * core::kMicrosPerUnit);
  std::int64_t max_trade_age_seconds = 600;
  bool live_markets_only = false;
  std::vector<std::string> target_traders;  // lower-case 0x addresses; empty = any
  // Leaderboard discovery (top N of each chosen board).
  bool discover_month_pnl = false;
  bool discover_month_volume = false;
  bool discover_week_pnl = false;
  std::int64_t discover_top_n = 100;
  std::int64_t min_trader_resolved_count = 30;
  Price price_min = Price{};
  Price price_max = Price::one();
  std::optional<Ratio> min_trader_win_rate, max_trader_win_rate;
  std::optional<Ratio> min_edge, max_edge;
  std::optional<Ratio> min_conviction, max_conviction;
  std::vector<std::string> categories;  // empty = any
  std::optional<Usd> min_original_trade_usd, max_original_trade_usd;
  std::optional<Ratio> model_threshold;
  bool allow_adding = false;
  Ratio slippage = Ratio::from_micros(3'000);  // 0.3 %
  SizingMode sizing_mode = SizingMode::fixed;
  Usd bet_size = Usd::from_micros(10 * core::kMicrosPerUnit);
  Ratio kelly_fraction = Ratio::from_micros(250'000);
  Usd min_bet = Usd::from_micros(1 * core::kMicrosPerUnit);
  Usd max_bet = Usd::from_micros(100 * core::kMicrosPerUnit);
};

struct FtStrategy {
  std::string id;  // "ft_…"
  std::string user_id;
  FtStrategyParams params;
  bool paused = false;
  Timestamp created_at;
  Timestamp updated_at;
};

// Risk rules of an LT strategy (domain.md "Risk rules"); unset = no limit.
struct RiskRules {
  std::optional<Usd> daily_budget_usd, weekly_budget_usd, monthly_budget_usd;
  std::optional<Usd> max_position_usd;
  std::optional<Usd> max_total_exposure_usd;
  std::optional<std::int64_t> max_open_positions;
  std::optional<std::int64_t> max_positions_per_market;
  std::optional<Ratio> max_drawdown_pct;  // fraction: 0.2 = 20 %
  std::optional<std::int64_t> consecutive_loss_limit;
  std::optional<Ratio> max_slippage_pct;  // fraction
  std::optional<Usd> min_order_book_depth_usd;
};

struct LtStrategyParams {
  std::string name;
  std::string ft_strategy_id;            // the paper twin whose evaluation it mirrors
  std::optional<std::string> wallet_id;  // required before orders can be sent
  OrderType order_type = OrderType::gtc;
  std::int64_t order_expiry_seconds = 600;
  std::string time_zone = "UTC";  // budget windows
  Usd starting_equity = Usd::from_micros(1'000 * core::kMicrosPerUnit);
  RiskRules risk;
};

struct LtStrategy {
  std::string id;  // "lt_…"
  std::string user_id;
  LtStrategyParams params;
  bool paused = true;  // a live strategy starts paused: going live is an explicit resume
  std::optional<std::string> pause_reason;
  Timestamp created_at;
  Timestamp updated_at;
};

std::string_view to_string(SizingMode mode);
std::optional<SizingMode> sizing_mode_from_string(std::string_view text);
std::string_view to_string(OrderType type);
std::optional<OrderType> order_type_from_string(std::string_view text);

}  // namespace polycopy::store
