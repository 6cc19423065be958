// POST /order after the signature: the venue's checks in Polymarket's order, then the
// accepted order is matched (venue_match.cpp) and what is left of a GTC/GTD order rests.
#include "chain/hex.hpp"
#include "sim/venue/venue_errors.hpp"
#include "sim/venue/venue_state.hpp"

namespace polycopy::sim {

namespace {

using polymarket::OrderType;
using polymarket::Side;

// Expirations past this (Unix seconds, ~year 287000) are taken as "never": their
// milliseconds would not fit a Timestamp.
constexpr std::uint64_t kLastSchedulableExpiration = 9'000'000'000'000ULL;
// GTD orders must outlive the next minute (Polymarket's safety margin).
constexpr std::int64_t kGtdMarginMs = 60'000;

PlaceResult refused(std::string_view text) {
  PlaceResult result;
  result.success = false;
  result.error_msg = std::string(text);
  result.http_status = 400;
  return result;
}

bool rests_in_book(OrderType type) {
  return type == OrderType::gtc || type == OrderType::gtd;
}

}  // namespace

std::optional<PlaceResult> Venue::State::check(const PlaceRequest& request, const TokenBook& book,
                                               const OrderTerms& terms, core::Timestamp now) {
  const polymarket::Order& order = request.order.order;
  const ScenarioMarket& market = markets[book.market].market;
  const bool resting_type = rests_in_book(request.order_type);

  if (!terms.amounts_positive()) return refused(venue_errors::kInvalidPayload);
  // Tick and minimum size bind orders that can rest; market orders (FOK/FAK) are sized in
  // pUSD by the client, so their amounts rarely give a price on the grid.
  if (resting_type) {
    const auto price = terms.exact_price_micros();
    if (!price || !on_tick_grid(*price, market.tick)) return refused(venue_errors::kMinTickSize);
    if (terms.shares < market.min_order_size.micros()) {
      return refused(venue_errors::min_size(chain::to_hex(request.order.hash),
                                            core::Shares::from_micros(terms.shares),
                                            market.min_order_size));
    }
  }
  if (request.order_type == OrderType::gtd) {
    const __int128 expires_ms = static_cast<__int128>(order.expiration) * 1000;
    if (expires_ms <= static_cast<__int128>(core::to_unix_ms(now)) + kGtdMarginMs)
      return refused(venue_errors::kInvalidExpiration);
  } else if (order.expiration != 0) {
    return refused(venue_errors::kInvalidExpiration);
  }
  if (orders.contains(request.order.hash)) return refused(venue_errors::kDuplicated);
  if (request.post_only && !resting_type) return refused(venue_errors::kPostOnlyType);

  // Who may spend the maker's funds. EOA: the signer itself. Proxy and Safe: the EOA that
  // owns them, learned from the first order signed for them. 1271: the wallet signs as
  // itself, and is likewise tied to the first EOA seen behind it.
  const chain::Address& maker = order.maker.value;
  switch (order.signature_type) {
    case polymarket::SignatureType::eoa:
      if (maker != order.signer.value) return refused(venue_errors::kInvalidSignature);
      break;
    case polymarket::SignatureType::poly_proxy:
    case polymarket::SignatureType::poly_gnosis_safe:
      if (!wallets.bind_signer(maker, request.signed_by))
        return refused(venue_errors::kInvalidSignature);
      break;
    case polymarket::SignatureType::poly_1271:
      if (maker != order.signer.value || !wallets.bind_signer(maker, request.signed_by))
        return refused(venue_errors::kInvalidSignature);
      break;
  }

  const Wallet& funds = wallets.get(maker);
  if (order.side == Side::buy) {
    const std::int64_t available = funds.available_collateral();
    if (available < order.maker_amount)
      return refused(venue_errors::not_enough_balance(available, order.maker_amount));
    if (funds.allowance < order.maker_amount)
      return refused(venue_errors::not_enough_allowance(funds.allowance, order.maker_amount));
  } else {
    const std::int64_t available = funds.available_shares(order.token_id);
    if (available < order.maker_amount)
      return refused(venue_errors::not_enough_balance(available, order.maker_amount));
  }

  const Side book_side = opposite(order.side);
  const auto crosses = [&terms](std::int64_t price) { return terms.crosses(price); };
  if (request.post_only) {
    // Judged on the best opposite price, whoever's order sits there.
    const auto best = book.book.best_price(book_side);
    if (best && terms.crosses(*best)) return refused(venue_errors::kPostOnlyCrosses);
  }
  if (request.order_type == OrderType::fok) {
    const auto others = [&](const BookEntry& entry) {
      return is_counterparty(entry, maker, request.owner);
    };
    if (book.book.fillable(book_side, terms.shares, crosses, others) < terms.shares)
      return refused(venue_errors::kFokNotFilled);
  }
  return std::nullopt;
}

PlaceResult Venue::State::place(const PlaceRequest& request, core::Timestamp now) {
  const polymarket::Order& order = request.order.order;
  const chain::Bytes32& id = request.order.hash;
  auto found = book_of_token.find(order.token_id);
  if (found == book_of_token.end()) return refused(venue_errors::kInvalidTokenId);
  const std::size_t book_index = found->second;
  TokenBook& book = books[book_index];
  MarketState& market = markets[book.market];
  if (!market.accepting_orders) {
    // Polymarket answers this one as a success that placed nothing.
    PlaceResult result;
    result.success = true;
    result.error_msg = std::string(venue_errors::kMarketNotReady);
    result.order_id = id;
    return result;
  }
  const OrderTerms terms = OrderTerms::of(order);
  if (auto refusal = check(request, book, terms, now)) {
    refusal->order_id = id;
    return *refusal;
  }

  OrderState& taker = accept(request, book_index, terms, now);
  OrderRecord& record = taker.record;
  MatchOutcome outcome = match(taker, now);
  if (outcome.shares > 0) record_trade(taker, outcome, now);

  const bool resting = rests_in_book(request.order_type) && taker.remaining > 0;
  if (resting) {
    rest(taker);
  } else {
    // FOK/FAK leftovers are killed, not kept.
    record.status = outcome.shares > 0 ? OrderStatus::matched : OrderStatus::unmatched;
  }
  emit_order(OrderEventType::placement, taker, now);
  if (resting) emit(book_changed(book, order.side, record.price.micros(), now));

  PlaceResult result;
  result.success = true;
  result.order_id = id;
  // A partly filled order that rests is "live" (with size_matched > 0).
  result.status = resting ? "live" : (outcome.shares > 0 ? "matched" : "unmatched");
  if (outcome.shares > 0) {
    // What the order gave and got, in micro-units: pUSD then shares for a BUY, shares then
    // pUSD for a SELL (the fields' unit types follow the BUY case).
    const bool buy = order.side == Side::buy;
    result.making_amount = core::Usd::from_micros(buy ? outcome.usd : outcome.shares);
    result.taking_amount = core::Shares::from_micros(buy ? outcome.shares : outcome.usd);
    result.trade_ids.push_back(outcome.trade_id);
    result.transaction_hashes.push_back(outcome.transaction_hash);
  }
  return result;
}

OrderState& Venue::State::accept(const PlaceRequest& request, std::size_t book_index,
                                 const OrderTerms& terms, core::Timestamp now) {
  const polymarket::Order& order = request.order.order;
  const TokenBook& book = books[book_index];
  OrderState& accepted = orders.try_emplace(request.order.hash).first->second;
  accepted.terms = terms;
  accepted.remaining = terms.shares;
  accepted.seq = next_seq++;
  accepted.book = book_index;
  OrderRecord& record = accepted.record;
  record.id = request.order.hash;
  record.owner = request.owner;
  record.maker = order.maker.value;
  record.condition_id = markets[book.market].market.condition_id;
  record.token_id = order.token_id;
  record.outcome_index = book.outcome;
  record.side = order.side;
  // Market orders' amounts need not give a whole price: show the nearest.
  record.price = clamped_price(terms.exact_price_micros().value_or(terms.display_price_micros()));
  record.original_size = core::Shares::from_micros(terms.shares);
  record.order_type = request.order_type;
  record.expiration = order.expiration;
  record.created_at = now;
  return accepted;
}

void Venue::State::rest(OrderState& order) {
  OrderRecord& record = order.record;
  TokenBook& book = books[order.book];
  order.entry =
      book.book.add(record.side, record.price.micros(), BookEntry{&order, order.remaining});
  order.resting = true;
  record.status = OrderStatus::live;
  Wallet& funds = wallets.get(record.maker);
  if (record.side == Side::buy) {
    order.reserved = buy_reserve(order.terms, order.remaining);
    funds.collateral_reserved += order.reserved;
  } else {
    order.reserved = order.remaining;
    funds.tokens[record.token_id].reserved += order.reserved;
  }
  live_by_owner[record.owner].emplace(order.seq, &order);
  if (record.order_type == OrderType::gtd && record.expiration <= kLastSchedulableExpiration) {
    const auto expires = core::from_unix_ms(static_cast<std::int64_t>(record.expiration) * 1000);
    schedule.emplace(expires, ExpiryDue{record.id});
  }
}

}  // namespace polycopy::sim
