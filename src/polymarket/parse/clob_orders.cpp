// CLOB account payloads: POST /order responses, open orders, trades (REST and the user
// websocket share the trade shape).
#include <array>
#include <utility>

#include "chain/hex.hpp"
#include "polymarket/parse/fields.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket::parse {
namespace {

constexpr auto E = Precision::exact;

// Placement errors from the protocol doc (section 6), matched by message prefix because live
// servers append details (": the balance is not enough -> ...").
std::optional<std::string> placement_error_code(std::string_view message) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kTable{{
      {"order is invalid. Price breaks minimum tick size rules", "INVALID_ORDER_MIN_TICK_SIZE"},
      {"order is invalid. Size", "INVALID_ORDER_MIN_SIZE"},
      {"order is invalid. Duplicated", "INVALID_ORDER_DUPLICATED"},
      {"not enough balance / allowance", "INVALID_ORDER_NOT_ENOUGH_BALANCE"},
      {"invalid expiration", "INVALID_ORDER_EXPIRATION"},
      {"could not insert order", "INVALID_ORDER_ERROR"},
      {"invalid post-only order: only GTC and GTD", "INVALID_POST_ONLY_ORDER_TYPE"},
      {"invalid post-only order: order crosses book", "INVALID_POST_ONLY_ORDER"},
      {"could not run the execution", "EXECUTION_ERROR"},
      {"order match delayed due to market conditions", "ORDER_DELAYED"},
      {"error delaying the order", "DELAYING_ORDER_ERROR"},
      {"order couldn't be fully filled", "FOK_ORDER_NOT_FILLED_ERROR"},
      {"the market is not yet ready to process new orders", "MARKET_NOT_READY"},
  }};
  for (const auto& [prefix, code] : kTable)
    if (message.substr(0, prefix.size()) == prefix) return std::string(code);
  return std::nullopt;
}

std::vector<std::string> string_list(const Fields& f, std::string_view key) {
  std::vector<std::string> out;
  const JsonNode* list = f.find({key});  // null means none
  if (!list) return out;
  expect_array(*list, f.path_of(key));
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const auto& item = list->items[i];
    if (!item.is_string())
      fail("wrong_type", f.path_of(key) + "[" + std::to_string(i) + "]", "expected a string");
    out.push_back(item.text);
  }
  return out;
}

MakerOrder parse_maker_order(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  MakerOrder m;
  m.order_id = f.condition_id({"order_id"});
  m.owner = f.opt_str({"owner"});
  m.maker_address = f.address({"maker_address"});
  m.matched_amount = f.size({"matched_amount"}, E);
  m.price = f.price({"price"}, E);
  m.fee_rate_bps = f.opt_integer({"fee_rate_bps"});
  m.token_id = f.token_id({"asset_id"});
  m.outcome = f.opt_str({"outcome"});
  m.side = f.opt_side({"side"});
  return m;
}

}  // namespace

OrderPostResult parse_order_post(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  OrderPostResult r;
  if (f.has({"error"}) && !f.has({"success"})) {  // HTTP error body {"error": "..."}
    r.http_error = true;
    r.error_msg = f.str({"error"});
    r.error_code = placement_error_code(r.error_msg);
    return r;
  }
  r.success = f.boolean({"success"});
  r.error_msg = f.opt_str({"errorMsg", "error_msg"}).value_or("");
  if (!r.error_msg.empty()) r.error_code = placement_error_code(r.error_msg);
  try {
    r.order_id = f.opt_bytes32({"orderID", "orderId", "order_id"});
  } catch (const core::Failure&) {
    fail("invalid_order_id", f.path_of("orderID"), "expected 0x and 64 hex digits");
  }
  if (r.success && !r.order_id)
    fail("missing_field", f.path_of("orderID"), "a successful order has an id");
  r.status = f.opt_str({"status"});
  r.making_amount = f.opt_amount({"makingAmount", "making_amount"}, E);
  r.taking_amount = f.opt_amount({"takingAmount", "taking_amount"}, E);
  for (const auto& hash : string_list(f, "transactionsHashes")) {
    auto h = chain::parse_bytes32(hash);
    if (!h) fail("invalid_bytes32", f.path_of("transactionsHashes"), "bad transaction hash");
    r.transaction_hashes.push_back(*h);
  }
  r.trade_ids = string_list(f, "tradeIDs");
  return r;
}

OpenOrder parse_open_order(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  OpenOrder o;
  o.order_id = f.condition_id({"id", "order_id"});
  o.status = f.opt_str({"status"});
  o.owner = f.opt_str({"owner"});
  o.maker_address = f.opt_address({"maker_address"});
  o.condition_id = f.condition_id({"market"});
  o.token_id = f.token_id({"asset_id"});
  o.side = f.side({"side"});
  o.original_size = f.size({"original_size"}, E);
  o.size_matched = f.size({"size_matched"}, E);
  if (o.size_matched > o.original_size)
    fail("inconsistent_size", f.path_of("size_matched"), "matched more than the order size");
  o.price = f.price({"price"}, E);
  o.associate_trades = string_list(f, "associate_trades");
  o.outcome = f.opt_str({"outcome"});
  o.order_type = f.opt_str({"order_type"});
  o.created_at_s = f.opt_seconds({"created_at"});  // a number or a string, both seen
  const auto expiration = f.opt_seconds({"expiration"});
  if (expiration && *expiration != 0) o.expiration_s = expiration;  // "0" = no expiration
  return o;
}

ClobTrade parse_clob_trade(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  ClobTrade t;
  t.trade_id = f.id({"id"});
  if (t.trade_id.empty()) fail("invalid_trade_id", f.path_of("id"), "trade id is empty");
  t.taker_order_id = f.opt_bytes32({"taker_order_id"});
  t.condition_id = f.condition_id({"market"});
  t.token_id = f.token_id({"asset_id"});
  t.side = f.side({"side"});
  t.size = f.size({"size"}, E);
  t.price = f.price({"price"}, E);
  t.fee_rate_bps = f.opt_integer({"fee_rate_bps"});
  t.status = f.str({"status"});
  t.match_time_s = f.opt_seconds({"match_time"});
  t.last_update_s = f.opt_seconds({"last_update"});
  t.timestamp_ms = f.opt_millis({"timestamp"});
  t.outcome = f.opt_str({"outcome"});
  t.bucket_index = f.opt_integer({"bucket_index"});
  t.owner = f.opt_str({"owner"});
  t.trade_owner = f.opt_str({"trade_owner"});
  t.maker_address = f.opt_address({"maker_address"});
  t.transaction_hash = f.opt_bytes32({"transaction_hash"});
  t.trader_side = f.opt_str({"trader_side"});
  if (t.trader_side && *t.trader_side != "TAKER" && *t.trader_side != "MAKER")
    fail("invalid_trader_side", f.path_of("trader_side"), "expected TAKER or MAKER");
  t.err_msg = f.opt_str({"err_msg"});
  if (const JsonNode* makers = f.find({"maker_orders"})) {
    const std::string makers_path = f.path_of("maker_orders");
    expect_array(*makers, makers_path);
    for (std::size_t i = 0; i < makers->items.size(); ++i)
      t.maker_orders.push_back(
          parse_maker_order(makers->items[i], makers_path + "[" + std::to_string(i) + "]"));
  }
  return t;
}

}  // namespace polycopy::polymarket::parse
