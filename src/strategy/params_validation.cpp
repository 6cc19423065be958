#include "strategy/params_validation.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

#include "core/time_window.hpp"
#include "strategy/category_match.hpp"

namespace polycopy::strategy {
namespace {

using core::Error;
using core::Ratio;
using core::Status;
using core::Usd;

constexpr std::int64_t kOne = core::kMicrosPerUnit;
constexpr std::int64_t kMaxTradeAgeSeconds = 7 * 86'400;
constexpr std::int64_t kMaxLeaderboardTopN = 100;

Error refuse(std::string code, std::string_view field, std::string_view rule) {
  return Error{std::move(code), std::string(field) + " " + std::string(rule)};
}

// Counts UTF-8 code points (the JSON parser has already refused invalid UTF-8).
std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool has_control_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

std::string trim(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

core::Result<std::string> normalize_name(std::string_view name) {
  std::string trimmed = trim(name);
  const std::size_t length = utf8_length(trimmed);
  if (length == 0 || length > kMaxNameChars)
    return refuse("name_invalid", "name", "must be 1 to 100 characters");
  if (has_control_characters(trimmed))
    return refuse("name_invalid", "name", "must not contain control characters");
  return trimmed;
}

template <class T>
Status check_range(const std::optional<T>& low, const std::optional<T>& high,
                   std::string_view low_field, std::string_view high_field, std::string code) {
  if (low && high && *low > *high)
    return Error{std::move(code),
                 std::string(low_field) + " must not be greater than " + std::string(high_field)};
  return {};
}

Status check_ratio_between(const std::optional<Ratio>& value, std::string_view field,
                           std::int64_t low, std::int64_t high, std::string code,
                           std::string_view rule) {
  if (value && (value->micros() < low || value->micros() > high))
    return refuse(std::move(code), field, rule);
  return {};
}

Status check_non_negative(const std::optional<Usd>& value, std::string_view field,
                          std::string code) {
  if (value && value->is_negative()) return refuse(std::move(code), field, "must not be negative");
  return {};
}

Status check_positive(Usd value, std::string_view field, std::string code) {
  if (value.micros() <= 0) return refuse(std::move(code), field, "must be greater than 0");
  return {};
}

core::Result<std::vector<std::string>> normalize_addresses(const std::vector<std::string>& in) {
  if (in.size() > kMaxListEntries)
    return refuse("too_many_target_traders", "target_traders", "must have at most 500 entries");
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& entry : in) {
    auto address = normalize_address(entry, "target_traders");
    if (!address) return address.error();
    if (seen.insert(*address).second) out.push_back(*address);
  }
  return out;
}

core::Result<std::vector<std::string>> normalize_categories(const std::vector<std::string>& in) {
  if (in.size() > kMaxListEntries)
    return refuse("category_invalid", "categories", "must have at most 500 entries");
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& entry : in) {
    std::string category = trim(entry);
    const std::size_t length = utf8_length(category);
    if (length == 0 || length > kMaxNameChars || has_control_characters(category))
      return refuse("category_invalid", "categories",
                    "entries must be 1 to 100 printable characters");
    // Known: one of category_match.hpp's categories, or a name holding one of their
    // keywords ("nba", "us elections"); anything else could never match a market.
    if (!known_category(category) && title_categories(category) == 0)
      return refuse("category_unknown", "categories",
                    "'" + category +
                        "' is not a known category: politics, sports, crypto, economics, "
                        "culture, tech, geopolitics, or a name with one of their keywords");
    if (seen.insert(category).second) out.push_back(std::move(category));
  }
  return out;
}

// The chain of field checks of an FT strategy; the first failure wins.
Status check_ft_numbers(const store::FtStrategyParams& p) {
  using Checks = std::initializer_list<Status>;
  for (const Status& s : Checks{
           check_positive(p.starting_cash, "starting_cash", "starting_cash_invalid"),
           p.max_trade_age_seconds < 1 || p.max_trade_age_seconds > kMaxTradeAgeSeconds
               ? Status(refuse("max_trade_age_invalid", "max_trade_age_seconds",
                               "must be between 1 and 604800 seconds"))
               : Status(),
           p.discover_top_n < 1 || p.discover_top_n > kMaxLeaderboardTopN
               ? Status(refuse("discover_top_n_invalid", "discover_top_n",
                               "must be between 1 and 100"))
               : Status(),
           p.min_trader_resolved_count < 0
               ? Status(refuse("min_trader_resolved_count_invalid", "min_trader_resolved_count",
                               "must not be negative"))
               : Status(),
           check_range<core::Price>(p.price_min, p.price_max, "price_min", "price_max",
                                    "price_range_invalid"),
           check_ratio_between(p.min_trader_win_rate, "min_trader_win_rate", 0, kOne,
                               "win_rate_invalid", "must be between 0 and 1"),
           check_ratio_between(p.max_trader_win_rate, "max_trader_win_rate", 0, kOne,
                               "win_rate_invalid", "must be between 0 and 1"),
           check_range(p.min_trader_win_rate, p.max_trader_win_rate, "min_trader_win_rate",
                       "max_trader_win_rate", "win_rate_range_invalid"),
           check_ratio_between(p.min_edge, "min_edge", -kOne, kOne, "edge_invalid",
                               "must be between -1 and 1"),
           check_ratio_between(p.max_edge, "max_edge", -kOne, kOne, "edge_invalid",
                               "must be between -1 and 1"),
           check_range(p.min_edge, p.max_edge, "min_edge", "max_edge", "edge_range_invalid"),
           check_ratio_between(p.min_conviction, "min_conviction", 0, INT64_MAX,
                               "conviction_invalid", "must not be negative"),
           check_ratio_between(p.max_conviction, "max_conviction", 0, INT64_MAX,
                               "conviction_invalid", "must not be negative"),
           check_range(p.min_conviction, p.max_conviction, "min_conviction", "max_conviction",
                       "conviction_range_invalid"),
           check_non_negative(p.min_original_trade_usd, "min_original_trade_usd",
                              "original_trade_usd_invalid"),
           check_non_negative(p.max_original_trade_usd, "max_original_trade_usd",
                              "original_trade_usd_invalid"),
           check_range(p.min_original_trade_usd, p.max_original_trade_usd, "min_original_trade_usd",
                       "max_original_trade_usd", "original_trade_usd_range_invalid"),
           p.model_threshold
               ? Status(Error{"model_not_available",
                              "model_threshold cannot be set yet: the prediction model is not "
                              "available in this version"})
               : Status(),
           check_ratio_between(p.slippage, "slippage", 0, kOne / 2, "slippage_invalid",
                               "must be between 0 and 0.5"),
           check_ratio_between(p.kelly_fraction, "kelly_fraction", 1, kOne,
                               "kelly_fraction_invalid", "must be greater than 0 and at most 1"),
           check_positive(p.bet_size, "bet_size", "bet_size_invalid"),
           check_positive(p.min_bet, "min_bet", "bet_size_invalid"),
           check_positive(p.max_bet, "max_bet", "bet_size_invalid"),
           check_range<Usd>(p.min_bet, p.max_bet, "min_bet", "max_bet", "bet_range_invalid"),
       })
    if (!s) return s;
  return {};
}

bool is_hex_digit(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

core::Result<std::string> normalize_address(std::string_view text, std::string_view field) {
  const bool well_formed = text.size() == 42 && text[0] == '0' &&
                           (text[1] == 'x' || text[1] == 'X') &&
                           std::all_of(text.begin() + 2, text.end(), is_hex_digit);
  if (!well_formed)
    return refuse("invalid_address", field, "entries must be 0x followed by 40 hex digits");
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return lower;
}

core::Result<store::FtStrategyParams> validate_ft_params(store::FtStrategyParams params) {
  auto name = normalize_name(params.name);
  if (!name) return name.error();
  params.name = *name;
  if (utf8_length(params.description) > kMaxDescriptionChars)
    return refuse("description_invalid", "description", "must be at most 2000 characters");
  auto traders = normalize_addresses(params.target_traders);
  if (!traders) return traders.error();
  params.target_traders = *traders;
  auto categories = normalize_categories(params.categories);
  if (!categories) return categories.error();
  params.categories = *categories;
  if (Status numbers = check_ft_numbers(params); !numbers) return numbers.error();
  return params;
}

core::Status validate_risk_rules(const store::RiskRules& r) {
  using Checks = std::initializer_list<Status>;
  const auto count_ok = [](const std::optional<std::int64_t>& v, std::string_view field) {
    return v && *v < 0 ? Status(refuse("risk_limit_invalid", field, "must not be negative"))
                       : Status();
  };
  for (const Status& s : Checks{
           check_non_negative(r.daily_budget_usd, "risk.daily_budget_usd", "risk_limit_invalid"),
           check_non_negative(r.weekly_budget_usd, "risk.weekly_budget_usd", "risk_limit_invalid"),
           check_non_negative(r.monthly_budget_usd, "risk.monthly_budget_usd",
                              "risk_limit_invalid"),
           check_non_negative(r.max_position_usd, "risk.max_position_usd", "risk_limit_invalid"),
           check_non_negative(r.max_total_exposure_usd, "risk.max_total_exposure_usd",
                              "risk_limit_invalid"),
           check_non_negative(r.min_order_book_depth_usd, "risk.min_order_book_depth_usd",
                              "risk_limit_invalid"),
           count_ok(r.max_open_positions, "risk.max_open_positions"),
           count_ok(r.max_positions_per_market, "risk.max_positions_per_market"),
           count_ok(r.consecutive_loss_limit, "risk.consecutive_loss_limit"),
           check_ratio_between(r.max_drawdown_pct, "risk.max_drawdown_pct", 0, kOne,
                               "percentage_invalid", "must be between 0 and 1 (a fraction)"),
           check_ratio_between(r.max_slippage_pct, "risk.max_slippage_pct", 0, kOne,
                               "percentage_invalid", "must be between 0 and 1 (a fraction)"),
           check_range(r.daily_budget_usd, r.weekly_budget_usd, "risk.daily_budget_usd",
                       "risk.weekly_budget_usd", "budget_order_invalid"),
           check_range(r.weekly_budget_usd, r.monthly_budget_usd, "risk.weekly_budget_usd",
                       "risk.monthly_budget_usd", "budget_order_invalid"),
           check_range(r.daily_budget_usd, r.monthly_budget_usd, "risk.daily_budget_usd",
                       "risk.monthly_budget_usd", "budget_order_invalid"),
       })
    if (!s) return s;
  // Breaker limits that would trip on the first resolution, win or lose, cannot hold.
  if (r.consecutive_loss_limit && *r.consecutive_loss_limit == 0)
    return refuse("risk_limit_invalid", "risk.consecutive_loss_limit",
                  "must be at least 1 (0 would trip the breaker on any resolution)");
  if (r.max_drawdown_pct && r.max_drawdown_pct->micros() == 0)
    return refuse("percentage_invalid", "risk.max_drawdown_pct",
                  "must be above 0 (0 would trip the breaker on any resolution)");
  return {};
}

core::Result<store::LtStrategyParams> validate_lt_params(store::LtStrategyParams params) {
  auto name = normalize_name(params.name);
  if (!name) return name.error();
  params.name = *name;
  if (params.ft_strategy_id.empty())
    return refuse("ft_strategy_id_invalid", "ft_strategy_id", "must not be empty");
  if (params.wallet_id && params.wallet_id->empty())
    return refuse("wallet_id_invalid", "wallet_id", "must not be empty (use null to clear it)");
  if (params.order_expiry_seconds < kMinOrderExpirySeconds ||
      params.order_expiry_seconds > kMaxOrderExpirySeconds)
    return refuse("order_expiry_invalid", "order_expiry_seconds",
                  "must be between 10 and 86400 seconds");
  if (!core::is_valid_time_zone(params.time_zone))
    return refuse("invalid_time_zone", "time_zone",
                  "must be an IANA time zone name such as UTC or America/New_York");
  if (Status equity =
          check_positive(params.starting_equity, "starting_equity", "starting_equity_invalid");
      !equity)
    return equity.error();
  if (Status risk = validate_risk_rules(params.risk); !risk) return risk.error();
  return params;
}

}  // namespace polycopy::strategy
