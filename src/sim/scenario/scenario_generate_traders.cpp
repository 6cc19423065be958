// Followed traders and their trades. Each trader arrives at the market as a Poisson process
// of its mean interval, trades only markets of its categories that are still open, takes
// one side per market (the eventual winner with probability = its win rate), mostly buys,
// and sometimes sells part of what it holds.
#include <algorithm>
#include <array>
#include <set>

#include "sim/scenario/scenario_generate_parts.hpp"
#include "sim/scenario/scenario_random.hpp"
#include "sim/scenario/scenario_words.hpp"

namespace polycopy::sim {
namespace {

constexpr std::int64_t kOne = core::kMicrosPerUnit;
constexpr std::int64_t kCent = 10'000;         // micro-USD
constexpr std::int64_t kSellChance = 150'000;  // of an arrival, when holding something
constexpr std::int64_t kPriceJitterTicks = 2;  // trades happen near the outcome price
// Mean intervals, log-spread from 10 minutes to 12 hours: [low, high] seconds buckets.
constexpr std::array<std::array<std::int64_t, 2>, 6> kIntervalBuckets = {
    {{600, 1200}, {1200, 2700}, {2700, 5400}, {5400, 10800}, {10800, 21600}, {21600, 43200}}};

chain::Address random_address(SeededRandom& random) {
  chain::Address out;
  for (std::size_t i = 0; i < out.size(); i += 8) {
    const auto word = random.next();
    for (std::size_t b = 0; b < 8 && i + b < out.size(); ++b) {
      out.bytes[i + b] = static_cast<std::uint8_t>(word >> (8 * b));
    }
  }
  return out;
}

ScenarioTrader make_trader(SeededRandom& random, std::set<chain::Address>& wallets,
                           std::set<std::string>& names) {
  ScenarioTrader trader;
  do trader.wallet = random_address(random);
  while (!wallets.insert(trader.wallet).second);
  const auto base_name = trader_name(random);
  trader.name = base_name;
  for (int n = 2; !names.insert(trader.name).second; ++n)
    trader.name = base_name + "-" + std::to_string(n);
  trader.win_rate = core::Ratio::from_micros(random.between(350, 750) * 1000);
  const auto min_dollars = random.between(5, 50);
  trader.min_trade = core::Usd::from_micros(min_dollars * kOne);
  trader.max_trade = core::Usd::from_micros(
      random.between(std::max<std::int64_t>(2 * min_dollars, 50), 500) * kOne);
  const auto& categories = scenario_categories();
  auto picked = random.distinct(categories.size(), static_cast<std::size_t>(random.between(1, 3)));
  std::sort(picked.begin(), picked.end());
  for (auto index : picked) trader.categories.push_back(categories[index]);
  const auto& bucket = kIntervalBuckets[random.below(kIntervalBuckets.size())];
  trader.mean_interval = std::chrono::seconds(random.between(bucket[0], bucket[1]));
  return trader;
}

// One trader's walk through the timeline.
class TraderTimeline {
 public:
  TraderTimeline(const ScenarioTrader& trader, const GeneratedMarkets& generated,
                 SeededRandom& random)
      : trader_(trader),
        markets_(generated.markets),
        plans_(generated.plans),
        random_(random),
        side_of_(markets_.size(), -1),
        holding_of_(markets_.size(), -1) {
    // Its markets by end date: those open at t are a suffix.
    for (std::size_t m = 0; m < markets_.size(); ++m) {
      const auto& wanted = trader.categories;
      if (wanted.empty() ||
          std::find(wanted.begin(), wanted.end(), markets_[m].category) != wanted.end()) {
        candidates_.push_back(m);
      }
    }
    std::stable_sort(candidates_.begin(), candidates_.end(), [&](std::size_t a, std::size_t b) {
      return markets_[a].end_date < markets_[b].end_date;
    });
    for (auto m : candidates_) end_dates_.push_back(markets_[m].end_date);
  }

  void run(core::Timestamp from, core::Timestamp to, std::vector<TimelineTrade>& out) {
    const auto mean = std::max<std::int64_t>(1, trader_.mean_interval.count());
    auto t = std::chrono::ceil<std::chrono::seconds>(from);
    while (true) {
      t += std::chrono::seconds(std::max<std::int64_t>(1, random_.exponential(mean)));
      if (t >= to) break;
      const core::Timestamp at = t;
      const bool sold = !holdings_.empty() && random_.chance(kSellChance) && sell(at, out);
      if (!sold) buy(at, out);
    }
  }

 private:
  struct Holding {
    std::size_t market;
    core::Shares shares;
  };

  bool buy(core::Timestamp at, std::vector<TimelineTrade>& out) {
    const auto first_open = static_cast<std::size_t>(
        std::upper_bound(end_dates_.begin(), end_dates_.end(), at) - end_dates_.begin());
    if (first_open == candidates_.size()) return false;
    const auto m = candidates_[first_open + random_.below(candidates_.size() - first_open)];
    if (side_of_[m] < 0) {
      const int winner = plans_[m].winner;
      side_of_[m] =
          static_cast<signed char>(random_.chance(trader_.win_rate.micros()) ? winner : 1 - winner);
    }
    const auto price = near_price(m);
    const auto usd = core::Usd::from_micros(
        random_.between(trader_.min_trade.micros() / kCent, trader_.max_trade.micros() / kCent) *
        kCent);
    auto size = core::shares_for(usd, price, core::Rounding::down)
                    .round_to(core::Shares::from_micros(kCent), core::Rounding::down);
    size = std::max(size, markets_[m].min_order_size);
    out.push_back(trade(at, m, polymarket::Side::buy, price, size));
    if (holding_of_[m] < 0) {
      holding_of_[m] = static_cast<int>(holdings_.size());
      holdings_.push_back({m, core::Shares()});
    }
    holdings_[static_cast<std::size_t>(holding_of_[m])].shares += size;
    return true;
  }

  bool sell(core::Timestamp at, std::vector<TimelineTrade>& out) {
    while (!holdings_.empty()) {
      const auto index = random_.below(holdings_.size());
      auto& holding = holdings_[index];
      if (markets_[holding.market].end_date <= at) {  // resolved: nothing left to sell
        remove_holding(index);
        continue;
      }
      const auto m = holding.market;
      auto size = core::Shares::from_micros(core::mul_div(
          holding.shares.micros(), random_.between(25, 100), 100, core::Rounding::down));
      size = size.round_to(core::Shares::from_micros(kCent), core::Rounding::down);
      if (size < markets_[m].min_order_size) size = holding.shares;
      out.push_back(trade(at, m, polymarket::Side::sell, near_price(m), size));
      holding.shares -= size;
      if (holding.shares.is_zero()) remove_holding(index);
      return true;
    }
    return false;
  }

  void remove_holding(std::size_t index) {
    holding_of_[holdings_[index].market] = -1;
    if (index + 1 != holdings_.size()) {
      holdings_[index] = holdings_.back();
      holding_of_[holdings_[index].market] = static_cast<int>(index);
    }
    holdings_.pop_back();
  }

  // The live price of the trader's outcome, a few ticks either way, on the tick.
  core::Price near_price(std::size_t m) const {
    const auto tick = polymarket::tick_price(markets_[m].tick).micros();
    const auto yes = plans_[m].yes_price.micros();
    const auto base = side_of_[m] == 0 ? yes : kOne - yes;
    const auto jittered = base + tick * random_.between(-kPriceJitterTicks, kPriceJitterTicks);
    return core::Price::from_micros(std::clamp(jittered, tick, kOne - tick)).value();
  }

  TimelineTrade trade(core::Timestamp at, std::size_t m, polymarket::Side side, core::Price price,
                      core::Shares size) const {
    const auto outcome = static_cast<std::size_t>(side_of_[m]);
    return TimelineTrade{at,   trader_.wallet, markets_[m].outcomes[outcome].token_id,
                         side, price,          size};
  }

  const ScenarioTrader& trader_;
  const std::vector<ScenarioMarket>& markets_;
  const std::vector<MarketPlan>& plans_;
  SeededRandom& random_;
  std::vector<std::size_t> candidates_;
  std::vector<core::Timestamp> end_dates_;  // of candidates_, ascending
  std::vector<signed char> side_of_;        // per market: the outcome it backs, -1 = none yet
  std::vector<int> holding_of_;             // per market: index in holdings_, -1 = none
  std::vector<Holding> holdings_;
};

}  // namespace

std::vector<ScenarioTrader> generate_traders(const GeneratorOptions& options) {
  std::vector<ScenarioTrader> traders;
  std::set<chain::Address> wallets;
  std::set<std::string> names;
  for (int i = 0; i < options.traders; ++i) {
    auto random =
        SeededRandom::stream(options.seed, kTraderStreamBase + static_cast<std::uint64_t>(i));
    traders.push_back(make_trader(random, wallets, names));
  }
  return traders;
}

std::vector<TimelineTrade> generate_trades(const GeneratorOptions& options,
                                           const GeneratedMarkets& markets,
                                           const std::vector<ScenarioTrader>& traders) {
  std::vector<TimelineTrade> trades;
  const auto from = options.start - std::max(options.history, std::chrono::milliseconds(0));
  const auto to = options.start + std::max(options.horizon, std::chrono::milliseconds(0));
  for (std::size_t i = 0; i < traders.size(); ++i) {
    auto random = SeededRandom::stream(options.seed, kTradesStreamBase + i);
    TraderTimeline(traders[i], markets, random).run(from, to, trades);
  }
  std::stable_sort(trades.begin(), trades.end(),
                   [](const TimelineTrade& a, const TimelineTrade& b) { return a.at < b.at; });
  return trades;
}

}  // namespace polycopy::sim
