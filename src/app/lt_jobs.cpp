#include "app/lt_jobs.hpp"

#include <spdlog/spdlog.h>

namespace polycopy::app {

nlohmann::json to_json(const engine::LtExecuteReport& r) {
  return {{"strategies", r.strategies},
          {"evaluated", r.runs.evaluated},
          {"accepted", r.runs.accepted},
          {"posted", r.runs.posted},
          {"already_placed", r.runs.already_placed},
          {"refused_by_risk", r.runs.refused_by_risk},
          {"not_placeable", r.runs.not_placeable},
          {"rejected", r.runs.rejected},
          {"unknown_outcome", r.runs.unknown_outcome},
          {"adopted", r.adopted},
          {"abandoned", r.abandoned},
          {"holds_released", r.holds_released},
          {"adopted_from_venue", r.adopted_from_venue},
          {"problems", r.problems}};
}

nlohmann::json to_json(const engine::LtTrackReport& r) {
  return {{"strategies", r.strategies},
          {"orders_checked", r.orders_checked},
          {"fills_recorded", r.fills_recorded},
          {"orders_ended", r.orders_ended},
          {"problems", r.problems}};
}

nlohmann::json to_json(const engine::LtResolveReport& r) {
  return {{"paper_settled", r.paper_settled},
          {"settled", r.settled},
          {"won", r.won},
          {"lost", r.lost},
          {"redemptions_pending", r.redemptions_pending},
          {"problems", r.errors}};
}

nlohmann::json to_json(const engine::LtRedemptionReport& r) {
  nlohmann::json out{{"on_chain", r.on_chain},   {"confirmed", r.confirmed},
                     {"submitted", r.submitted}, {"failed", r.failed},
                     {"waiting", r.waiting},     {"paid_usd", r.paid_usd.to_string()},
                     {"pending", r.pending},     {"pending_usd", r.pending_usd.to_string()},
                     {"problems", r.problems}};
  if (!r.on_chain)
    out["note"] =
        "on-chain redemption is off in this process: winners wait for `polycopy redeem` "
        "([chain] auto_redeem)";
  return out;
}

namespace {

void log_problems(std::string_view job, const nlohmann::json& report) {
  if (!report.contains("problems")) return;
  for (const auto& problem : report["problems"]) spdlog::warn("{}: {}", job, problem.dump());
}

}  // namespace

LtJobs::LtJobs(store::Store& store, const core::SecretBox& wallet_key, net::HttpClient& http,
               const std::string& clob_url, const core::Clock& clock,
               engine::LtEngine::DiscoveredTraders discovered, LtJobIntervals intervals,
               engine::LtEngineOptions options)
    : risk_(store, clock),
      wallets_(store, wallet_key, http, clob_url, clock),
      engine_(store, risk_, wallets_, http, clob_url, clock, options),
      funds_(store, wallets_, http, clob_url, clock),
      store_(store),
      http_(http),
      clock_(clock),
      discovered_(std::move(discovered)) {
  const auto add = [&](std::string name, std::chrono::milliseconds every, auto run) {
    engine::JobSpec spec;
    spec.name = name;
    spec.interval = every;
    spec.jitter_percent = intervals.jitter_percent;
    spec.run = [name, run](const std::optional<std::string>& user_id) {
      nlohmann::json report = run(user_id);
      log_problems(name, report);
      return report;
    };
    scheduler_.add(std::move(spec));
  };
  add("lt-execute", intervals.execute, [this](const std::optional<std::string>& user) {
    return to_json(engine_.execute(discovered_, user));
  });
  add("lt-track", intervals.track,
      [this](const std::optional<std::string>& user) { return to_json(engine_.track(user)); });
  // Resolution settles every strategy's positions (markets resolve for everybody at once).
  add("lt-resolve", intervals.resolve, [this](const std::optional<std::string>&) {
    auto report = engine_.resolve();
    if (!report)
      return nlohmann::json{{"problems", {report.error().code + ": " + report.error().message}}};
    return to_json(*report);
  });
  add("lt-redemptions", intervals.redemptions, [this](const std::optional<std::string>& user) {
    return to_json(engine_.redemptions(user, redemption_ ? &redemption_->redeemer() : nullptr));
  });
}

LtJobs::~LtJobs() {
  stop();
  std::lock_guard lock(listeners_mutex_);
  for (auto& [wallet, listener] : listeners_) listener->stop();
}

void LtJobs::enable_user_fills(std::string ws_user_url, std::function<void()> on_reconnect) {
  std::lock_guard lock(listeners_mutex_);
  ws_user_url_ = std::move(ws_user_url);
  on_user_reconnect_ = std::move(on_reconnect);
}

std::vector<std::pair<std::string, net::WsStats>> LtJobs::user_socket_stats() {
  std::lock_guard lock(listeners_mutex_);
  std::vector<std::pair<std::string, net::WsStats>> out;
  for (const auto& [wallet_id, listener] : listeners_)
    out.emplace_back(wallet_id, listener->socket_stats());
  return out;
}

void LtJobs::enable_redemption(const Config::Chain& chain) {
  redemption_ = std::make_unique<RedemptionStack>(chain, store_, risk_, wallets_, http_, clock_);
}

void LtJobs::sync_user_fills() {
  std::lock_guard lock(listeners_mutex_);
  if (!ws_user_url_) return;
  auto strategies = store_.list_wallet_lt_strategies();
  if (!strategies) {
    spdlog::warn("user fills: {}", strategies.error().to_string());
    return;
  }
  for (const auto& strategy : *strategies) {
    const std::string wallet_id = strategy.params.wallet_id.value_or("");
    if (auto it = listeners_.find(wallet_id); it != listeners_.end()) {
      if (auto refreshed = it->second->refresh(); !refreshed)
        spdlog::warn("user fills of wallet {}: {}", wallet_id, refreshed.error().to_string());
      continue;
    }
    auto wallet = store_.find_wallet(wallet_id);
    if (!wallet || !*wallet) continue;
    engine::UserFillListenerOptions options;
    options.url = *ws_user_url_;
    options.ws.on_reconnect = on_user_reconnect_;
    auto listener = std::make_unique<engine::UserFillListener>(
        store_, risk_, wallets_, **wallet, options, clock_,
        [this] { scheduler_.trigger("lt-track"); });
    if (auto started = listener->start(); !started) {
      // Tried again on the next run; polling covers the orders meanwhile.
      spdlog::warn("user fills of wallet {}: {}", wallet_id, started.error().to_string());
      continue;
    }
    listeners_[wallet_id] = std::move(listener);
  }
}

void LtJobs::start() {
  // At start-up the reconciler (first step of execute) and tracking run at once: intents and
  // orders left by the previous run are settled before anything new is sent.
  scheduler_.trigger("lt-execute");
  scheduler_.trigger("lt-track");
  scheduler_.start();
}
void LtJobs::stop() {
  scheduler_.stop();
}
void LtJobs::trades_arrived() {
  scheduler_.trigger("lt-execute");
}

core::Result<nlohmann::json> LtJobs::run_job(std::string_view job,
                                             const std::optional<std::string>& user_id) {
  return scheduler_.run_now(job, user_id);
}

}  // namespace polycopy::app
