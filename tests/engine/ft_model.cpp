#include "engine/ft_model.hpp"

#include <algorithm>
#include <cctype>

#include "chain/hex.hpp"

namespace polycopy::engine::testing {

using nlohmann::json;
using i128 = __int128;

namespace {

constexpr std::int64_t kUnit = 1'000'000;

std::int64_t micros_of(const json& value) {
  // Data API numbers are JSON numbers with at most 6 decimals: read them through their text.
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  const auto dot = text.find('.');
  std::string whole = dot == std::string::npos ? text : text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  frac.resize(6, '0');
  const std::int64_t v = std::stoll(whole.empty() ? "0" : whole) * kUnit + std::stoll(frac);
  return negative ? -v : v;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::int64_t floor_div(i128 a, i128 b) {
  i128 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return static_cast<std::int64_t>(q);
}

struct Market {
  std::string category;
  std::int64_t end_ms = 0;
  std::optional<std::int64_t> resolved_ms;
  int winner = 0;
  std::string tokens[2];
};

struct Stats {
  std::int64_t count = 0, usd = 0, resolved = 0, wins = 0;
};

}  // namespace

ModelTrade model_trade(const json& row) {
  ModelTrade t;
  t.trader = lower(row.at("proxyWallet").get<std::string>());
  t.token = row.at("asset").get<std::string>();
  t.condition = lower(row.at("conditionId").get<std::string>());
  t.id = lower(row.at("transactionHash").get<std::string>()) + ":" + t.token + ":" + t.trader;
  t.outcome_index = row.at("outcomeIndex").get<int>();
  t.buy = row.at("side").get<std::string>() == "BUY";
  t.price = micros_of(row.at("price"));
  t.size = micros_of(row.at("size"));
  t.at_ms = row.at("timestamp").get<std::int64_t>() * 1000;
  return t;
}

ModelResult run_model(const ModelStrategy& s, const sim::Scenario& scenario,
                      std::vector<ModelTrade> trades, const std::vector<std::int64_t>& ticks) {
  std::map<std::string, Market> markets;
  for (const auto& m : scenario.markets) {
    Market market;
    market.category = lower(m.category);
    market.end_ms = core::to_unix_ms(m.end_date);
    if (m.winner) {
      market.resolved_ms = INT64_MIN;
      market.winner = *m.winner;
    }
    for (int i = 0; i < 2; ++i) market.tokens[i] = m.outcomes[i].token_id.to_decimal();
    markets[chain::to_hex(m.condition_id)] = market;
  }
  for (const auto& r : scenario.resolutions) {
    auto& market = markets.at(chain::to_hex(r.condition_id));
    market.resolved_ms = core::to_unix_ms(r.at);
    market.winner = r.winner;
  }
  const auto resolved_by = [&](const Market& m, std::int64_t t) {
    return m.resolved_ms && *m.resolved_ms <= t;
  };

  std::sort(trades.begin(), trades.end(), [](const ModelTrade& a, const ModelTrade& b) {
    return a.at_ms != b.at_ms ? a.at_ms < b.at_ms : a.id < b.id;
  });

  std::map<std::string, std::vector<std::size_t>> by_trader;  // indexes, oldest first
  for (std::size_t i = 0; i < trades.size(); ++i) by_trader[trades[i].trader].push_back(i);

  ModelResult out;
  out.cash = s.starting_cash;
  std::size_t next = 0;
  for (const std::int64_t t : ticks) {
    // Settle what resolved by t.
    for (auto& [id, p] : out.positions) {
      const auto& m = markets.at(p.condition);
      if (!p.settled && resolved_by(m, t)) {
        p.settled = true;
        p.payout = m.winner == p.outcome_index ? p.shares : 0;  // shares x 1 or x 0
        out.cash += p.payout;
        out.realised_pnl += p.payout - p.cost;
      }
    }
    // A trader's statistics from what is stored by t, recounted from scratch (only for the
    // traders whose trades reach the history check).
    std::map<std::string, Stats> stats;
    const auto stats_of = [&](const std::string& trader) -> const Stats& {
      auto it = stats.find(trader);
      if (it != stats.end()) return it->second;
      Stats st;
      for (const std::size_t i : by_trader[trader]) {
        const auto& trade = trades[i];
        if (trade.at_ms > t) break;
        if (!trade.buy) continue;
        ++st.count;
        st.usd += floor_div(static_cast<i128>(trade.price) * trade.size, kUnit);
        const auto& m = markets.at(trade.condition);
        if (resolved_by(m, t)) {
          ++st.resolved;
          if (m.winner == trade.outcome_index) ++st.wins;
        }
      }
      return stats.emplace(trader, st).first->second;
    };
    std::set<std::string> held;
    for (const auto& [id, p] : out.positions) {
      if (!p.settled) held.insert(p.token);
    }

    for (; next < trades.size() && trades[next].at_ms <= t; ++next) {
      const auto& trade = trades[next];
      const auto& m = markets.at(trade.condition);
      const std::int64_t entry = std::min<std::int64_t>(
          999'900, -floor_div(-static_cast<i128>(trade.price) * (kUnit + s.slippage), kUnit));
      const std::int64_t usd = floor_div(static_cast<i128>(trade.price) * trade.size, kUnit);

      std::string reason;
      std::int64_t bet = 0;
      if (!trade.buy) {
        reason = "not_a_buy";
      } else if (t - trade.at_ms > s.max_trade_age_s * 1000) {
        reason = "trade_too_old";
      } else if (resolved_by(m, t)) {
        reason = "market_resolved";
      } else if (trade.at_ms > m.end_ms) {
        reason = "after_market_end";
      } else if (!s.traders.empty() && !s.traders.contains(trade.trader)) {
        reason = "not_target_trader";
      }
      if (!reason.empty()) {
        out.signals[trade.id] = reason;
        ++out.by_reason[reason];
        continue;
      }

      const Stats st = stats_of(trade.trader);
      // Plain values with "known" flags (std::optional trips a g++ 12 false warning here).
      const bool known = st.resolved > 0;
      const std::int64_t win_rate =
          known ? floor_div(static_cast<i128>(st.wins) * kUnit, st.resolved) : 0;
      const std::int64_t edge = win_rate - entry;
      const auto outside = [known](std::int64_t v, const std::optional<std::int64_t>& lo,
                                   const std::optional<std::int64_t>& hi) {
        if (!lo && !hi) return false;
        if (!known) return true;
        return (lo && v < *lo) || (hi && v > *hi);
      };
      if (st.resolved < s.min_resolved) {
        reason = "insufficient_trader_history";
      } else if (trade.price < s.price_min || trade.price > s.price_max) {
        reason = "price_out_of_range";
      } else if (outside(win_rate, s.min_win_rate, s.max_win_rate)) {
        reason = "win_rate_out_of_range";
      } else if (outside(edge, s.min_edge, s.max_edge)) {
        reason = "edge_out_of_range";
      } else if (!s.categories.empty() && !s.categories.contains(m.category)) {
        reason = "category_mismatch";
      } else if (s.min_original_usd && usd < *s.min_original_usd) {
        reason = "original_size_out_of_range";
      } else if (held.contains(trade.token) && !s.allow_adding) {
        reason = "duplicate_position";
      } else {
        std::int64_t raw = s.bet;
        if (s.edge_scaled) {
          const std::int64_t e = known ? std::clamp<std::int64_t>(edge, -kUnit, kUnit) : 0;
          raw = floor_div(static_cast<i128>(s.bet) * (kUnit + 5 * e), kUnit);
        }
        bet = std::clamp(raw, s.min_bet, s.max_bet);
        bet = floor_div(bet, 10'000) * 10'000;  // down to the cent
        if (bet > out.cash) reason = "insufficient_cash";
      }

      if (!reason.empty()) {
        out.signals[trade.id] = reason;
        ++out.by_reason[reason];
        continue;
      }
      ModelPosition p;
      p.trade_id = trade.id;
      p.token = trade.token;
      p.condition = trade.condition;
      p.outcome_index = trade.outcome_index;
      p.entry = entry;
      p.shares = floor_div(static_cast<i128>(bet) * kUnit, entry);
      p.cost = bet;
      out.positions[trade.id] = p;
      out.cash -= bet;
      held.insert(trade.token);
      out.signals[trade.id] = "accepted";
      ++out.by_reason["accepted"];
    }
  }
  return out;
}

}  // namespace polycopy::engine::testing
