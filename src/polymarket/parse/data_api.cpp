// Data API rows. v1 is camelCase with JSON numbers; v2 is snake_case. Each field accepts both
// spellings, so one struct serves both versions. Amounts are venue floats: read from their
// exact text and rounded to 6 decimals (Precision::nearest).
#include "polymarket/parse/fields.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket::parse {
namespace {

constexpr auto N = Precision::nearest;
constexpr std::int64_t kNoOutcomeIndex = 999;  // REDEEM rows (and some v2 rows) send 999

std::optional<std::int64_t> outcome_index(const Fields& f) {
  auto index = f.opt_integer({"outcomeIndex", "outcome_index"});
  if (index && *index == kNoOutcomeIndex) return std::nullopt;
  if (index && *index < 0) fail("invalid_integer", f.path_of("outcomeIndex"), "negative index");
  return index;
}

}  // namespace

DataTrade parse_data_trade(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  DataTrade t;
  t.proxy_wallet = f.address({"proxyWallet", "proxy_wallet"});
  t.side = f.side({"side"});
  t.token_id = f.token_id({"asset", "token_id", "asset_id"});
  t.condition_id = f.condition_id({"conditionId", "condition_id"});
  t.size = f.size({"size"}, N);
  t.price = f.price({"price"}, N);
  t.timestamp_s = f.seconds({"timestamp"});
  t.outcome = f.opt_str({"outcome"});
  t.outcome_index = outcome_index(f);
  t.title = f.opt_str({"title"});
  t.slug = f.opt_str({"slug"});
  t.event_slug = f.opt_str({"eventSlug", "event_slug"});
  t.name = f.opt_str({"name"});
  t.pseudonym = f.opt_str({"pseudonym"});
  t.transaction_hash = f.opt_bytes32({"transactionHash", "transaction_hash"});
  return t;
}

DataActivity parse_data_activity(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  DataActivity a;
  a.type = f.str({"type"});
  a.proxy_wallet = f.address({"proxyWallet", "proxy_wallet"});
  a.timestamp_s = f.seconds({"timestamp"});
  const bool trade = a.type == "TRADE";
  // A TRADE is copied: it must name its market, token, side and price. Other rows (REDEEM
  // sends empty asset and side) keep what they have.
  if (trade) {
    a.condition_id = f.condition_id({"conditionId", "condition_id"});
    a.token_id = f.token_id({"asset", "token_id", "asset_id"});
    a.side = f.side({"side"});
    a.price = f.price({"price"}, N);
    a.size = f.size({"size"}, N);
  } else {
    a.condition_id = f.opt_condition_id({"conditionId", "condition_id"});
    a.token_id = f.opt_token_id({"asset", "token_id", "asset_id"});
    a.side = f.opt_side({"side"});
    a.price = f.opt_price({"price"}, N);
    a.size = f.opt_size({"size"}, N);
  }
  a.usdc_size = f.opt_usd({"usdcSize", "usdc_size"}, N);
  if (a.usdc_size && a.usdc_size->is_negative())
    fail("negative_size", f.path_of("usdcSize"), "USDC size must not be negative");
  a.outcome_index = outcome_index(f);
  a.outcome = f.opt_str({"outcome"});
  a.title = f.opt_str({"title"});
  a.slug = f.opt_str({"slug"});
  a.event_slug = f.opt_str({"eventSlug", "event_slug"});
  a.name = f.opt_str({"name"});
  a.pseudonym = f.opt_str({"pseudonym"});
  a.transaction_hash = f.opt_bytes32({"transactionHash", "transaction_hash"});
  return a;
}

DataPosition parse_data_position(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  DataPosition p;
  p.proxy_wallet = f.address({"proxyWallet", "proxy_wallet"});
  p.token_id = f.token_id({"asset", "token_id", "asset_id"});
  p.condition_id = f.condition_id({"conditionId", "condition_id"});
  p.size = f.size({"size", "current_size"}, N);
  p.avg_price = f.opt_price({"avgPrice", "avg_price"}, N);
  p.cur_price = f.opt_price({"curPrice", "cur_price", "current_price"}, N);
  p.initial_value = f.opt_usd({"initialValue", "initial_value"}, N);
  p.current_value = f.opt_usd({"currentValue", "current_value"}, N);
  p.cash_pnl = f.opt_usd({"cashPnl", "cash_pnl"}, N);
  p.realized_pnl = f.opt_usd({"realizedPnl", "realized_pnl"}, N);
  p.unrealized_pnl = f.opt_usd({"unrealized_pnl", "unrealizedPnl"}, N);
  p.total_pnl = f.opt_usd({"total_pnl", "totalPnl"}, N);
  p.entry_cost = f.opt_usd({"entry_cost_usdc", "entryCostUsdc"}, N);
  p.entry_fees = f.opt_usd({"entry_fees_usdc", "entryFeesUsdc"}, N);
  p.total_cost = f.opt_usd({"total_cost_usdc", "totalCostUsdc"}, N);
  p.total_bought = f.opt_size({"totalBought", "total_bought", "total_size"}, N);
  p.percent_pnl = f.opt_ratio({"percentPnl", "percent_pnl"});
  p.percent_realized_pnl = f.opt_ratio({"percentRealizedPnl", "percent_realized_pnl"});
  p.redeemable = f.opt_bool({"redeemable"});
  p.mergeable = f.opt_bool({"mergeable"});
  p.negative_risk = f.opt_bool({"negativeRisk", "negative_risk"});
  p.status = f.opt_str({"status"});
  p.title = f.opt_str({"title"});
  p.slug = f.opt_str({"slug"});
  p.event_id = f.opt_id({"eventId", "event_id"});
  p.event_slug = f.opt_str({"eventSlug", "event_slug"});
  p.outcome = f.opt_str({"outcome"});
  p.outcome_index = outcome_index(f);
  p.opposite_outcome = f.opt_str({"oppositeOutcome", "opposite_outcome"});
  p.opposite_token_id = f.opt_token_id({"oppositeAsset", "opposite_token_id", "opposite_asset"});
  p.end_date_s = f.opt_iso_seconds({"endDate", "end_date"});
  p.first_entry_at_s = f.opt_seconds({"first_entry_at", "firstEntryAt"});
  p.last_event_at_s = f.opt_seconds({"last_event_at", "lastEventAt"});
  return p;
}

LeaderboardEntry parse_leaderboard_entry(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  LeaderboardEntry e;
  e.rank = f.integer({"rank"});  // a string in v1, an integer in v2
  if (e.rank < 1) fail("invalid_integer", f.path_of("rank"), "rank starts at 1");
  e.proxy_wallet = f.address({"proxyWallet", "proxy_wallet", "user_id"});
  e.user_name = f.opt_str({"userName", "user_name"});
  e.x_username = f.opt_str({"xUsername", "x_username"});
  e.profile_image = f.opt_str({"profileImage", "profile_image"});
  e.verified = f.opt_bool({"verifiedBadge", "verified"});
  e.volume = f.opt_usd({"vol", "volume"}, N);
  e.pnl = f.opt_usd({"pnl"}, N);
  return e;
}

}  // namespace polycopy::polymarket::parse
