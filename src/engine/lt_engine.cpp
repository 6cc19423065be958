#include "engine/lt_engine.hpp"

namespace polycopy::engine {
namespace {

std::string problem(const std::string& what, const core::Error& error) {
  return what + ": " + error.code + ": " + error.message;
}

void add(LtRun& total, const LtRun& run) {
  total.evaluated += run.evaluated;
  total.accepted += run.accepted;
  total.posted += run.posted;
  total.already_placed += run.already_placed;
  total.refused_by_risk += run.refused_by_risk;
  total.not_placeable += run.not_placeable;
  total.rejected += run.rejected;
  total.unknown_outcome += run.unknown_outcome;
  total.order_ids.insert(total.order_ids.end(), run.order_ids.begin(), run.order_ids.end());
}

bool wanted(const store::LtStrategy& strategy, const std::optional<std::string>& user_id) {
  return !user_id || strategy.user_id == *user_id;
}

}  // namespace

LtEngine::LtEngine(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
                   net::HttpClient& http, std::string clob_url, const core::Clock& clock,
                   LtEngineOptions options)
    : store_(store),
      clock_(clock),
      options_(options),
      placer_(store, risk, wallets, http, clob_url, clock),
      tracker_(store, risk, wallets, http, clob_url, clock),
      reconciler_(store, risk, wallets, http, clob_url, clock),
      adopter_(store, risk, wallets, http, clob_url, clock),
      executor_(store, placer_, clock, options.batch_size),
      resolver_(store, risk, clock) {}

LtExecuteReport LtEngine::execute(const DiscoveredTraders& discovered,
                                  const std::optional<std::string>& user_id,
                                  std::optional<core::Timestamp> at) {
  LtExecuteReport report;
  auto strategies = store_.list_active_lt_strategies();
  if (!strategies) {
    report.problems.push_back(problem("LT strategies", strategies.error()));
    return report;
  }
  for (const auto& strategy : *strategies) {
    if (!wanted(strategy, user_id)) continue;
    ++report.strategies;
    const std::string name = "LT strategy " + strategy.id;
    auto twin = store_.get_ft_strategy(strategy.user_id, strategy.params.ft_strategy_id);
    auto wallet = store_.find_wallet(strategy.params.wallet_id.value_or(""));
    if (!twin || !*twin || !wallet || !*wallet) {
      const core::Error missing{"not_found", "its FT twin or wallet is missing"};
      report.problems.push_back(
          problem(name, !twin ? twin.error() : (!wallet ? wallet.error() : missing)));
      continue;
    }
    // Intents whose answer was lost are settled before anything new is sent.
    if (auto reconciled = reconciler_.reconcile(strategy, **wallet, options_.reconcile_grace);
        reconciled) {
      report.adopted += reconciled->adopted;
      report.abandoned += reconciled->abandoned;
      report.holds_released += reconciled->holds_released;
      for (const auto& error : reconciled->errors) report.problems.push_back(name + ": " + error);
    } else {
      report.problems.push_back(problem(name + " reconcile", reconciled.error()));
    }
    if (auto adopted = adopter_.adopt(strategy, **wallet); adopted) {
      report.adopted_from_venue += adopted->adopted;
      for (const auto& error : adopted->errors) report.problems.push_back(name + ": " + error);
    } else {
      report.problems.push_back(problem(name + " venue orders", adopted.error()));
    }
    auto run = executor_.run(
        strategy, **twin, **wallet,
        discovered ? discovered(strategy.params.ft_strategy_id) : std::vector<std::string>{}, at);
    if (!run) {
      report.problems.push_back(problem(name, run.error()));
      continue;
    }
    add(report.runs, *run);
    if (run->stopped) report.problems.push_back(problem(name + " stopped", *run->stopped));
  }
  return report;
}

LtTrackReport LtEngine::track(const std::optional<std::string>& user_id) {
  LtTrackReport report;
  auto strategies = store_.list_wallet_lt_strategies();
  if (!strategies) {
    report.problems.push_back(problem("LT strategies", strategies.error()));
    return report;
  }
  for (const auto& strategy : *strategies) {
    if (!wanted(strategy, user_id)) continue;
    ++report.strategies;
    const std::string name = "LT strategy " + strategy.id;
    auto wallet = store_.find_wallet(strategy.params.wallet_id.value_or(""));
    if (!wallet || !*wallet) {
      report.problems.push_back(problem(
          name, wallet ? core::Error{"not_found", "its wallet is missing"} : wallet.error()));
      continue;
    }
    auto tracked = tracker_.track(strategy, **wallet);
    if (!tracked) {
      report.problems.push_back(problem(name, tracked.error()));
      continue;
    }
    report.orders_checked += tracked->orders_checked;
    report.fills_recorded += tracked->fills_recorded;
    report.orders_ended += tracked->orders_ended;
    for (const auto& error : tracked->errors) report.problems.push_back(name + ": " + error);
  }
  return report;
}

core::Result<LtResolveReport> LtEngine::resolve() {
  return resolver_.resolve_once();
}

LtRedemptionReport LtEngine::redemptions(const std::optional<std::string>& user_id) {
  LtRedemptionReport report;
  auto strategies = store_.list_wallet_lt_strategies();
  if (!strategies) {
    report.problems.push_back(problem("LT strategies", strategies.error()));
    return report;
  }
  for (const auto& strategy : *strategies) {
    if (!wanted(strategy, user_id)) continue;
    auto records = store_.list_redemptions(strategy.user_id, strategy.id);
    if (!records) {
      report.problems.push_back(problem("LT strategy " + strategy.id, records.error()));
      continue;
    }
    for (const auto& record : *records) {
      if (record.state != store::RedemptionState::pending) continue;
      ++report.pending;
      report.pending_usd += record.expected;
    }
  }
  return report;
}

}  // namespace polycopy::engine
