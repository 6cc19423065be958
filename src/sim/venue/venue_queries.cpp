// Read-side helpers and the Data API: what a position is worth, book change events, trades,
// positions and the leaderboard.
#include <chrono>

#include "sim/venue/venue_state.hpp"

namespace polycopy::sim {

Mark Venue::State::mark_of(const chain::Uint256& token_id) const {
  auto found = book_of_token.find(token_id);
  if (found == book_of_token.end()) return Mark{};
  const TokenBook& book = books[found->second];
  const MarketState& market = markets[book.market];
  if (market.market.winner) {
    const bool won = *market.market.winner == book.outcome;
    return Mark{won ? core::kMicrosPerUnit : 0, won};
  }
  const auto& last = market.last_trade_price[book.outcome];
  const core::Price price =
      last ? *last : market.market.outcomes[static_cast<std::size_t>(book.outcome)].price;
  return Mark{price.micros(), false};
}

BookChanged Venue::State::book_changed(const TokenBook& book, polymarket::Side side,
                                       std::int64_t price, core::Timestamp at) const {
  const MarketState& market = markets[book.market];
  BookChanged changed;
  changed.condition_id = market.market.condition_id;
  changed.token_id = market.market.outcomes[static_cast<std::size_t>(book.outcome)].token_id;
  changed.side = side;
  changed.price = core::Price::from_micros(price).value();
  changed.size = core::Shares::from_micros(book.book.level_size(side, price));
  if (auto bid = book.book.best_price(polymarket::Side::buy))
    changed.best_bid = core::Price::from_micros(*bid).value();
  if (auto ask = book.book.best_price(polymarket::Side::sell))
    changed.best_ask = core::Price::from_micros(*ask).value();
  changed.at = at;
  return changed;
}

std::vector<DataTradeRow> Venue::data_trades(const chain::Address& wallet,
                                             std::optional<polymarket::Side> side,
                                             std::optional<chain::Bytes32> market) const {
  std::lock_guard lock(state_->mutex);
  return state_->ledger.trades(wallet, side, market);
}

std::vector<PositionRow> Venue::positions(const chain::Address& wallet) const {
  std::lock_guard lock(state_->mutex);
  const State& state = *state_;
  return state.ledger.positions(
      wallet, [&state](const chain::Uint256& token) { return state.mark_of(token); });
}

std::vector<LeaderboardRow> Venue::leaderboard(LeaderboardPeriod period,
                                               LeaderboardOrder order) const {
  using std::chrono::hours;
  std::lock_guard lock(state_->mutex);
  const State& state = *state_;
  std::optional<core::Timestamp> since;
  switch (period) {
    case LeaderboardPeriod::day:
      since = now() - hours(24);
      break;
    case LeaderboardPeriod::week:
      since = now() - hours(24 * 7);
      break;
    case LeaderboardPeriod::month:
      since = now() - hours(24 * 30);
      break;
    case LeaderboardPeriod::all:
      break;
  }
  return state.ledger.leaderboard(
      since, order, [&state](const chain::Uint256& token) { return state.mark_of(token); },
      [&state](const chain::Address& wallet) {
        auto it = state.trader_names.find(wallet);
        return it == state.trader_names.end() ? std::string() : it->second;
      });
}

}  // namespace polycopy::sim
