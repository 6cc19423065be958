#include "service/metrics_exposition.hpp"

#include <cmath>
#include <sstream>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <spdlog/spdlog.h>

#include "service/risk_service.hpp"

namespace polycopy::service {
namespace {

using nlohmann::json;
using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;

double usd(core::Usd amount) {
  return static_cast<double>(amount.micros()) / 1e6;
}

// A decimal string of the risk state JSON (USD or a ratio, six decimals) as a double.
double decimal(const json& value) {
  auto parsed = core::Usd::parse(value.get<std::string>());
  if (!parsed) throw core::Failure(parsed.error().code, parsed.error().message);
  return usd(*parsed);
}

Family<Gauge>& gauge(prometheus::Registry& registry, const std::string& name,
                     const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(registry);
}

Family<Counter>& counter(prometheus::Registry& registry, const std::string& name,
                         const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry);
}

void add_signals(prometheus::Registry& registry, const store::MetricsCounts& counts) {
  auto& signals = counter(registry, "polycopy_signals_total",
                          "Evaluations of source trades, by mode (ft|lt), strategy, outcome "
                          "(accepted|rejected) and reason (a rejection code, or accepted)");
  for (const auto& s : counts.signals)
    signals
        .Add({{"mode", s.mode},
              {"strategy", s.strategy_id},
              {"outcome", s.accepted ? "accepted" : "rejected"},
              {"reason", s.reason}})
        .Increment(static_cast<double>(s.count));
}

void add_orders_and_fills(prometheus::Registry& registry, const store::MetricsCounts& counts) {
  auto& orders = gauge(registry, "polycopy_orders", "Live orders by strategy and current state");
  for (const auto& o : counts.orders)
    orders.Add({{"strategy", o.lt_strategy_id}, {"state", o.state}})
        .Set(static_cast<double>(o.count));
  auto& fills = counter(registry, "polycopy_fills_total", "Recorded venue fills, by strategy");
  auto& filled_usd = counter(registry, "polycopy_filled_usd_total",
                             "Cost of recorded fills in USD (each rounded up to the micro-USD)");
  auto& filled_shares =
      counter(registry, "polycopy_filled_shares_total", "Shares of recorded fills");
  for (const auto& f : counts.fills) {
    const prometheus::Labels labels{{"strategy", f.lt_strategy_id}};
    fills.Add(labels).Increment(static_cast<double>(f.fills));
    filled_usd.Add(labels).Increment(usd(f.usd));
    filled_shares.Add(labels).Increment(static_cast<double>(f.shares.micros()) / 1e6);
  }
  auto& paper = gauge(registry, "polycopy_paper_positions",
                      "Paper positions of FT strategies, by strategy and status");
  auto& paper_pnl = gauge(registry, "polycopy_paper_realised_pnl_usd",
                          "Realised PnL of FT strategies' settled paper positions, USD");
  for (const auto& p : counts.paper_positions) {
    paper.Add({{"strategy", p.ft_strategy_id}, {"status", p.status}})
        .Set(static_cast<double>(p.count));
    // Open rows add 0: every FT strategy with positions has the series.
    paper_pnl.Add({{"strategy", p.ft_strategy_id}}).Increment(usd(p.pnl));
  }
}

void add_latency(prometheus::Registry& registry, const std::string& name, const std::string& help,
                 const std::vector<store::LatencyBuckets>& rows) {
  auto& family = prometheus::BuildHistogram().Name(name).Help(help).Register(registry);
  for (const auto& row : rows) {
    std::vector<double> increments(row.counts.begin(), row.counts.end());
    family.Add({{"strategy", row.lt_strategy_id}}, kLatencyBuckets)
        .ObserveMultiple(increments, static_cast<double>(row.sum_ms) / 1e3);
  }
}

// Risk figures of every LT strategy, as GET /api/lt/strategies/{id}/risk/state shows them
// (risk_state_json): windows rolled to now, the same used/limit arithmetic.
void add_risk(prometheus::Registry& registry, store::Store& store, core::Timestamp now,
              const std::vector<store::LtStrategyOwner>& strategies) {
  auto& used = gauge(registry, "polycopy_risk_budget_used_usd",
                     "Budget used in the current window (spent + reserved), USD");
  auto& limit = gauge(registry, "polycopy_risk_budget_limit_usd",
                      "Budget of the window (absent when the rule is not set), USD");
  auto& utilisation =
      gauge(registry, "polycopy_risk_budget_utilisation_ratio",
            "Used / budget of the window (1 when the budget is zero; absent without one)");
  auto& exposure = gauge(registry, "polycopy_exposure_usd", "Filled cost of open positions, USD");
  auto& reserved = gauge(registry, "polycopy_reserved_usd", "Outstanding budget reservations, USD");
  auto& open = gauge(registry, "polycopy_open_positions", "Live orders plus open positions");
  auto& realised = gauge(registry, "polycopy_realised_pnl_usd", "Realised PnL, USD");
  auto& equity = gauge(registry, "polycopy_equity_usd", "Starting equity + realised PnL, USD");
  auto& peak = gauge(registry, "polycopy_peak_equity_usd", "Highest equity so far, USD");
  auto& drawdown =
      gauge(registry, "polycopy_drawdown_ratio", "(peak equity - equity) / peak equity");
  auto& breaker = gauge(registry, "polycopy_circuit_breaker_open", "1 when the breaker is open");
  for (const auto& owner : strategies) {
    auto snapshot = store.get_risk_snapshot(owner.user_id, owner.id, now);
    if (!snapshot || !*snapshot) continue;  // gone meanwhile; an error shows in the log
    const json state = risk_state_json(**snapshot);
    const prometheus::Labels strategy{{"strategy", owner.id}};
    for (const char* window : {"day", "week", "month"}) {
      const json& w = state.at("windows").at(window);
      const prometheus::Labels labels{{"strategy", owner.id}, {"window", window}};
      const double window_used = decimal(w.at("used"));
      used.Add(labels).Set(window_used);
      if (w.at("limit").is_null()) continue;
      const double window_limit = decimal(w.at("limit"));
      limit.Add(labels).Set(window_limit);
      utilisation.Add(labels).Set(window_limit > 0 ? window_used / window_limit : 1.0);
    }
    exposure.Add(strategy).Set(decimal(state.at("exposure")));
    reserved.Add(strategy).Set(decimal(state.at("reserved")));
    open.Add(strategy).Set(state.at("open_positions").get<double>());
    realised.Add(strategy).Set(decimal(state.at("realised_pnl")));
    equity.Add(strategy).Set(decimal(state.at("equity")));
    peak.Add(strategy).Set(decimal(state.at("peak_equity")));
    drawdown.Add(strategy).Set(decimal(state.at("drawdown")));
    breaker.Add(strategy).Set(state.at("breaker").at("state") == "open" ? 1 : 0);
  }
}

std::vector<std::int64_t> bounds_ms() {
  std::vector<std::int64_t> out;
  for (double bound : kLatencyBuckets) out.push_back(std::llround(bound * 1000));
  return out;
}

// Fills `registry` from the store; false when the store did not answer.
bool add_store_metrics(prometheus::Registry& registry, store::Store& store,
                       const core::Clock& clock) {
  try {
    auto counts = store.metrics_counts(bounds_ms());
    if (!counts) {
      spdlog::warn("metrics: {}", counts.error().to_string());
      return false;
    }
    add_signals(registry, *counts);
    add_orders_and_fills(registry, *counts);
    add_latency(registry, "polycopy_signal_to_order_seconds",
                "Time from an LT signal's evaluation to its order's creation",
                counts->signal_to_order);
    add_latency(registry, "polycopy_order_to_fill_seconds",
                "Time from an order's creation to each of its fills", counts->order_to_fill);
    add_risk(registry, store, clock.now(), counts->lt_strategies);
    return true;
  } catch (const std::exception& e) {
    spdlog::warn("metrics: {}", e.what());
    return false;
  }
}

}  // namespace

std::string render_metrics(store::Store& store, const core::Clock& clock,
                           const MetricsRegistry* registry) {
  // A registry per scrape: store numbers are read afresh, never accumulated here.
  prometheus::Registry scraped;
  prometheus::Registry from_store;
  const bool store_up = add_store_metrics(from_store, store, clock);
  gauge(scraped, "polycopy_store_up", "1 when the store answered this scrape")
      .Add({})
      .Set(store_up ? 1 : 0);
  auto families = scraped.Collect();
  if (store_up) {
    auto more = from_store.Collect();
    families.insert(families.end(), more.begin(), more.end());
  }
  if (registry) {
    auto own = registry->collect();
    families.insert(families.end(), own.begin(), own.end());
  }
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, families);
  return out.str();
}

}  // namespace polycopy::service
