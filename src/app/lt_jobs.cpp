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
  return {
      {"pending", r.pending},
      {"pending_usd", r.pending_usd.to_string()},
      {"submitted", r.submitted},
      {"note", "on-chain redemption is not built yet: winning positions' records wait as pending"},
      {"problems", r.problems}};
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
    return to_json(engine_.redemptions(user));
  });
}

LtJobs::~LtJobs() {
  stop();
}

void LtJobs::start() {
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
