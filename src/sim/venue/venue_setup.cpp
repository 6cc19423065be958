// Building the venue from a scenario: markets and their books with the market maker's
// liquidity, trader names, the history before the start, and the schedule of the rest.
#include <algorithm>

#include "sim/venue/venue_state.hpp"

namespace polycopy::sim {

namespace {
constexpr std::size_t side_index(polymarket::Side side) {
  return static_cast<std::size_t>(side);
}
}  // namespace

Venue::State::State(const Scenario& scenario_in, const core::Clock& clock_in)
    : scenario(scenario_in),
      clock(clock_in),
      wallets(scenario_in.default_balance, scenario_in.default_allowance) {
  markets.reserve(scenario.markets.size());
  books.reserve(scenario.markets.size() * 2);
  for (std::size_t m = 0; m < scenario.markets.size(); ++m) {
    MarketState state;
    state.market = scenario.markets[m];
    // A market that starts resolved is closed too.
    if (state.market.winner) state.market.closed = true;
    state.accepting_orders = !state.market.closed;
    market_of_condition.emplace(state.market.condition_id, m);
    for (int o = 0; o < 2; ++o) {
      const ScenarioOutcome& outcome = state.market.outcomes[static_cast<std::size_t>(o)];
      TokenBook book;
      book.market = m;
      book.outcome = o;
      if (state.accepting_orders) {
        for (const BookLevel& level : outcome.bids)
          book.maker_target[side_index(polymarket::Side::buy)][level.price.micros()] +=
              level.size.micros();
        for (const BookLevel& level : outcome.asks)
          book.maker_target[side_index(polymarket::Side::sell)][level.price.micros()] +=
              level.size.micros();
        for (auto side : {polymarket::Side::buy, polymarket::Side::sell}) {
          for (const auto& [price, size] : book.maker_target[side_index(side)])
            book.book.set_market_maker(side, price, size);
        }
      }
      book_of_token.emplace(outcome.token_id, books.size());
      books.push_back(std::move(book));
    }
    markets.push_back(std::move(state));
  }
  for (const ScenarioTrader& trader : scenario.traders) trader_names[trader.wallet] = trader.name;

  // The timeline: what lies before the start is history (Data API rows only, books
  // untouched); the rest waits in the schedule. Stable sorts keep a file's order for ties.
  std::vector<std::size_t> trade_order(scenario.trades.size());
  for (std::size_t i = 0; i < trade_order.size(); ++i) trade_order[i] = i;
  std::stable_sort(trade_order.begin(), trade_order.end(), [this](std::size_t a, std::size_t b) {
    return scenario.trades[a].at < scenario.trades[b].at;
  });
  for (std::size_t i : trade_order) {
    const TimelineTrade& trade = scenario.trades[i];
    if (trade.at >= scenario.start) {
      schedule.emplace(trade.at, TimelineTradeDue{i});
      continue;
    }
    auto book = book_of_token.find(trade.token_id);
    if (book == book_of_token.end() || trade.size.micros() <= 0) continue;
    record_outside_trade(trade.trader, book->second, trade.side, trade.price, trade.size, trade.at,
                         /*live=*/false);
  }
  std::vector<std::size_t> resolution_order(scenario.resolutions.size());
  for (std::size_t i = 0; i < resolution_order.size(); ++i) resolution_order[i] = i;
  std::stable_sort(resolution_order.begin(), resolution_order.end(),
                   [this](std::size_t a, std::size_t b) {
                     return scenario.resolutions[a].at < scenario.resolutions[b].at;
                   });
  for (std::size_t i : resolution_order) {
    const TimelineResolution& resolution = scenario.resolutions[i];
    if (resolution.at >= scenario.start) {
      schedule.emplace(resolution.at, ResolutionDue{i});
      continue;
    }
    auto market = market_of_condition.find(resolution.condition_id);
    if (market == market_of_condition.end()) continue;
    (void)resolve_market(market->second, resolution.winner, resolution.at);
  }
}

}  // namespace polycopy::sim
