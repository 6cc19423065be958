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

// Runs `each` on every listed strategy of the user (of every user without one); a listing
// that failed is the report's problem.
template <class Report, class Each>
void for_each_strategy(core::Result<std::vector<store::LtStrategy>> strategies,
                       const std::optional<std::string>& user_id, Report& report, Each each) {
  if (!strategies) {
    report.problems.push_back(problem("LT strategies", strategies.error()));
    return;
  }
  for (const auto& strategy : *strategies)
    if (!user_id || strategy.user_id == *user_id) each(strategy, "LT strategy " + strategy.id);
}

// The strategy's wallet, or not_found.
core::Result<store::Wallet> wallet_of(store::Store& store, const store::LtStrategy& strategy) {
  auto wallet = store.find_wallet(strategy.params.wallet_id.value_or(""));
  if (!wallet) return wallet.error();
  if (!*wallet) return core::Error{"not_found", "its wallet is missing"};
  return std::move(**wallet);
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
  const auto each = [&](const store::LtStrategy& strategy, const std::string& name) {
    ++report.strategies;
    auto twin = store_.get_ft_strategy(strategy.user_id, strategy.params.ft_strategy_id);
    if (twin && !*twin) twin = core::Error{"not_found", "its FT twin is missing"};
    auto wallet = wallet_of(store_, strategy);
    if (!twin || !wallet) {
      report.problems.push_back(problem(name, !twin ? twin.error() : wallet.error()));
      return;
    }
    // Intents whose answer was lost are settled before anything new is sent.
    if (auto reconciled = reconciler_.reconcile(strategy, *wallet, options_.reconcile_grace);
        reconciled) {
      report.adopted += reconciled->adopted;
      report.abandoned += reconciled->abandoned;
      report.holds_released += reconciled->holds_released;
      for (const auto& error : reconciled->errors) report.problems.push_back(name + ": " + error);
    } else {
      report.problems.push_back(problem(name + " reconcile", reconciled.error()));
    }
    auto run = executor_.run(
        strategy, **twin, *wallet,
        discovered ? discovered(strategy.params.ft_strategy_id) : std::vector<std::string>{}, at);
    if (run) {
      add(report.runs, *run);
      if (run->stopped) report.problems.push_back(problem(name + " stopped", *run->stopped));
    } else {
      report.problems.push_back(problem(name, run.error()));
    }
    // After the new orders are out (its venue round trips would delay them): orders placed
    // outside polycopy are rare, and their holds only need to be in place before the next pass.
    if (auto adopted = adopter_.adopt(strategy, *wallet); adopted) {
      report.adopted_from_venue += adopted->adopted;
      for (const auto& error : adopted->errors) report.problems.push_back(name + ": " + error);
    } else {
      report.problems.push_back(problem(name + " venue orders", adopted.error()));
    }
  };
  for_each_strategy(store_.list_active_lt_strategies(), user_id, report, each);
  return report;
}

LtTrackReport LtEngine::track(const std::optional<std::string>& user_id) {
  LtTrackReport report;
  const auto each = [&](const store::LtStrategy& strategy, const std::string& name) {
    ++report.strategies;
    auto wallet = wallet_of(store_, strategy);
    if (!wallet) {
      report.problems.push_back(problem(name, wallet.error()));
      return;
    }
    auto tracked = tracker_.track(strategy, *wallet);
    if (!tracked) {
      report.problems.push_back(problem(name, tracked.error()));
      return;
    }
    report.orders_checked += tracked->orders_checked;
    report.fills_recorded += tracked->fills_recorded;
    report.orders_ended += tracked->orders_ended;
    for (const auto& error : tracked->errors) report.problems.push_back(name + ": " + error);
  };
  for_each_strategy(store_.list_wallet_lt_strategies(), user_id, report, each);
  return report;
}

core::Result<LtResolveReport> LtEngine::resolve() {
  return resolver_.resolve_once();
}

LtRedemptionReport LtEngine::redemptions(const std::optional<std::string>& user_id,
                                         Redeemer* redeemer) {
  LtRedemptionReport report;
  report.on_chain = redeemer != nullptr;
  const auto each = [&](const store::LtStrategy& strategy, const std::string& name) {
    if (redeemer) {
      auto run = redeemer->run(strategy.id, /*dry_run=*/false);
      if (!run) {
        report.problems.push_back(problem(name, run.error()));
      } else {
        for (const auto& group : run->groups) {
          if (group.outcome == "confirmed") {
            ++report.confirmed;
            report.paid_usd += core::Usd::from_micros(std::stoll(group.payout_units));
          } else if (group.outcome == "submitted") {
            ++report.submitted;
          } else if (group.outcome == "failed") {
            ++report.failed;
          } else {
            ++report.waiting;
          }
        }
        for (const auto& text : run->problems) report.problems.push_back(name + ": " + text);
      }
    }
    auto records = store_.list_redemptions(strategy.user_id, strategy.id);
    if (!records) {
      report.problems.push_back(problem(name, records.error()));
      return;
    }
    for (const auto& record : *records) {
      if (record.state != store::RedemptionState::pending &&
          record.state != store::RedemptionState::submitted &&
          record.state != store::RedemptionState::failed)
        continue;
      ++report.pending;
      report.pending_usd += record.expected;
    }
  };
  for_each_strategy(store_.list_wallet_lt_strategies(), user_id, report, each);
  return report;
}

}  // namespace polycopy::engine
