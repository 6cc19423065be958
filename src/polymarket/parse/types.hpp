#pragma once
// Typed payloads of Polymarket's APIs after parsing: the same struct whatever the payload's
// version (Data API v1 camelCase or v2 snake_case, CLOB full or compact keys, the three
// price_change formats). Money, prices and sizes are exact 6-decimal fixed point; token ids
// uint256; condition ids bytes32; addresses 20 bytes; times integers (unit in the name).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "core/money.hpp"

namespace polycopy::polymarket::parse {

enum class TradeSide : unsigned char { buy, sell };
const char* to_string(TradeSide side);

// A decimal amount whose unit depends on context (makingAmount is USD for a BUY, shares for
// a SELL), so it cannot be typed as Usd or Shares.
struct AmountTag {};
using Amount = core::Fixed<AmountTag>;

using TokenId = chain::Uint256;
using Bytes32 = chain::Bytes32;
using Address = chain::Address;

struct Pagination {
  std::optional<std::string> next_cursor;
  std::optional<bool> has_more;
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
  std::optional<std::int64_t> count;  // items on this page / total results, when sent
};

// ---- Gamma ----

enum class ResolutionState : unsigned char {
  resolved,         // closed and outcome prices exactly one "1" and the rest "0"
  not_closed,       // still open: prices are market quotes, whatever they show
  no_clean_winner,  // closed but prices are not exactly [1,0]/[0,1] (legacy ["0","0"], 50/50)
  no_prices,        // closed but outcomePrices missing
};
const char* to_string(ResolutionState state);

struct Resolution {
  ResolutionState state = ResolutionState::not_closed;
  std::optional<std::size_t> winner_index;
};

struct GammaMarket {
  std::string gamma_id;
  std::optional<std::string> question, slug;
  Bytes32 condition_id;
  std::optional<Bytes32> question_id;
  std::vector<std::string> outcomes;
  std::vector<TokenId> token_ids;  // same order as outcomes
  std::optional<std::vector<core::Price>> outcome_prices;
  bool outcome_prices_exact = true;  // false when a price had more than 6 decimals
  std::optional<bool> active, closed, archived, restricted, accepting_orders, enable_order_book,
      neg_risk, fees_enabled;
  std::optional<Bytes32> neg_risk_market_id;
  std::optional<core::Price> tick_size, best_bid, best_ask, last_trade_price;
  std::optional<core::Shares> min_order_size;
  std::optional<std::int64_t> maker_base_fee_bps, taker_base_fee_bps;
  std::optional<core::Usd> volume, liquidity;
  std::optional<std::int64_t> start_date_s, end_date_s, created_at_s, updated_at_s, closed_time_s;
  std::optional<std::int64_t> game_start_s;  // sports markets: when play starts
  std::optional<std::string> uma_resolution_status, fee_type;
  std::optional<std::string> category;  // a legacy tag some markets still carry
  Resolution resolution;
};

struct GammaEvent {
  std::string gamma_id;
  std::optional<std::string> slug, title, ticker;
  std::optional<bool> active, closed, archived, neg_risk;
  std::optional<Bytes32> neg_risk_market_id;
  std::optional<core::Usd> volume, liquidity;
  std::optional<std::int64_t> start_date_s, end_date_s, closed_time_s;
  std::vector<GammaMarket> markets;
};

// ---- Data API ----

struct DataTrade {
  Address proxy_wallet;
  TradeSide side = TradeSide::buy;
  TokenId token_id;
  Bytes32 condition_id;
  core::Shares size;
  core::Price price;
  std::int64_t timestamp_s = 0;
  std::optional<std::string> outcome, title, slug, event_slug, name, pseudonym;
  std::optional<std::int64_t> outcome_index;
  std::optional<Bytes32> transaction_hash;
};

struct DataActivity {
  std::string type;  // TRADE, REDEEM, SPLIT, MERGE, REWARD, CONVERSION, ...
  Address proxy_wallet;
  std::int64_t timestamp_s = 0;
  std::optional<Bytes32> condition_id;
  std::optional<TokenId> token_id;  // empty on REDEEM and friends
  std::optional<TradeSide> side;
  std::optional<core::Shares> size;
  std::optional<core::Usd> usdc_size;
  std::optional<core::Price> price;
  std::optional<std::int64_t> outcome_index;  // nullopt for the 999 "not applicable" marker
  std::optional<std::string> outcome, title, slug, event_slug, name, pseudonym;
  std::optional<Bytes32> transaction_hash;
};

struct DataPosition {
  Address proxy_wallet;
  TokenId token_id;
  Bytes32 condition_id;
  core::Shares size;
  std::optional<core::Price> avg_price, cur_price;
  std::optional<core::Usd> initial_value, current_value, cash_pnl, realized_pnl, unrealized_pnl,
      total_pnl, entry_cost, entry_fees, total_cost;
  std::optional<core::Shares> total_bought;
  std::optional<core::Ratio> percent_pnl, percent_realized_pnl;  // in percent, as sent
  std::optional<bool> redeemable, mergeable, negative_risk;
  std::optional<std::string> status, title, slug, event_id, event_slug, outcome, opposite_outcome;
  std::optional<std::int64_t> outcome_index, end_date_s, first_entry_at_s, last_event_at_s;
  std::optional<TokenId> opposite_token_id;
};

struct LeaderboardEntry {
  std::int64_t rank = 0;
  Address proxy_wallet;
  std::optional<std::string> user_name, x_username, profile_image;
  std::optional<bool> verified;
  std::optional<core::Usd> volume, pnl;
};

// ---- CLOB ----

struct BookLevel {
  core::Price price;
  core::Shares size;
};

struct OrderBook {
  Bytes32 condition_id;
  TokenId token_id;
  std::int64_t timestamp_ms = 0;
  std::optional<std::string> hash;
  std::vector<BookLevel> bids;  // best first (highest price)
  std::vector<BookLevel> asks;  // best first (lowest price)
  std::optional<core::Shares> min_order_size;
  std::optional<core::Price> tick_size, last_trade_price;
  std::optional<bool> neg_risk;
};

struct ClobQuote {
  std::string type;  // "price", "midpoint", "spread"
  core::Price value;
  std::optional<TradeSide> side;
};

struct ClobToken {
  TokenId token_id;
  std::string outcome;
  std::optional<core::Price> price;
  std::optional<bool> winner;
};

struct ClobMarket {
  Bytes32 condition_id;
  std::optional<Bytes32> question_id, neg_risk_market_id;
  std::optional<std::string> question, slug;
  std::vector<ClobToken> tokens;
  std::optional<core::Price> tick_size;
  std::optional<core::Shares> min_order_size;
  std::optional<bool> neg_risk, active, closed, archived, accepting_orders, enable_order_book;
  std::optional<std::int64_t> maker_base_fee_bps, taker_base_fee_bps, seconds_delay, end_date_s,
      accepting_orders_since_s;
  std::optional<core::Ratio> fee_rate;
  std::optional<std::int64_t> fee_exponent;
  std::optional<bool> fee_taker_only;
};

struct OrderPostResult {
  bool success = false;
  std::string error_msg;
  std::optional<std::string> error_code;  // doc table name when the message is a known one
  bool http_error = false;                // the body was the {"error": ...} shape
  std::optional<Bytes32> order_id;
  std::optional<std::string> status;  // live, matched, delayed, unmatched
  std::optional<Amount> making_amount, taking_amount;
  std::vector<Bytes32> transaction_hashes;
  std::vector<std::string> trade_ids;
};

struct OpenOrder {
  Bytes32 order_id;
  std::optional<std::string> status, owner, outcome, order_type;
  std::optional<Address> maker_address;
  Bytes32 condition_id;
  TokenId token_id;
  TradeSide side = TradeSide::buy;
  core::Shares original_size, size_matched;
  core::Price price;
  std::vector<std::string> associate_trades;
  std::optional<std::int64_t> created_at_s, expiration_s;  // expiration "0" -> nullopt
};

struct MakerOrder {
  Bytes32 order_id;
  std::optional<std::string> owner, outcome;
  Address maker_address;
  core::Shares matched_amount;
  core::Price price;
  std::optional<std::int64_t> fee_rate_bps;
  TokenId token_id;
  std::optional<TradeSide> side;
};

struct ClobTrade {
  std::string trade_id;
  std::optional<Bytes32> taker_order_id;
  Bytes32 condition_id;
  TokenId token_id;
  TradeSide side = TradeSide::buy;
  core::Shares size;
  core::Price price;
  std::optional<std::int64_t> fee_rate_bps, bucket_index, match_time_s, last_update_s, timestamp_ms;
  std::string status;  // MATCHED, MINED, CONFIRMED, RETRYING, FAILED
  std::optional<std::string> outcome, owner, trade_owner, trader_side, err_msg;
  std::optional<Address> maker_address;
  std::optional<Bytes32> transaction_hash;
  std::vector<MakerOrder> maker_orders;
};

// ---- Websockets ----

struct PriceChange {
  TokenId token_id;
  core::Price price;
  core::Shares size;  // new total at the level; 0 removes it
  TradeSide side = TradeSide::buy;
  std::optional<std::string> hash;
  std::optional<core::Price> best_bid, best_ask;
};

struct WsMarketEvent {
  std::string event_type;  // book, price_change, last_trade_price, tick_size_change, ...
  bool ignored = false;    // an event type this parser does not know (kept, not an error)
  std::optional<OrderBook> book;
  std::optional<Bytes32> condition_id;
  std::optional<TokenId> token_id;
  std::optional<std::int64_t> timestamp_ms;
  std::vector<PriceChange> changes;  // price_change
  std::optional<core::Price> price, best_bid, best_ask, spread, old_tick_size, new_tick_size;
  std::optional<core::Shares> size;
  std::optional<TradeSide> side;
  std::optional<std::int64_t> fee_rate_bps;
  // new_market / market_resolved
  std::optional<std::string> gamma_id, question, slug, winning_outcome;
  std::vector<TokenId> token_ids;
  std::vector<std::string> outcomes;
  std::optional<TokenId> winning_token_id;
};

struct WsUserOrder {
  std::string type;  // PLACEMENT, UPDATE, CANCELLATION
  OpenOrder order;
  std::optional<std::string> order_owner;
  std::optional<std::int64_t> timestamp_ms;
};

struct WsUserEvent {
  std::string event_type;  // "order" or "trade"
  std::optional<WsUserOrder> order;
  std::optional<ClobTrade> trade;
};

}  // namespace polycopy::polymarket::parse
