#pragma once
// The live-trading jobs of one engine process, on the built-in scheduler (single-flight,
// jittered): lt-execute (a sweep every 2 minutes, and at once when new source trades are
// stored), lt-track (every few seconds: order tracking by polling), lt-resolve and
// lt-redemptions (every 10 minutes; on chain once enabled). The same jobs answer the API
// (service::JobPort), so an HTTP or cron call and the schedule never run one job twice at once.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/redemption_stack.hpp"
#include "engine/job_scheduler.hpp"
#include "engine/lt_engine.hpp"
#include "engine/user_fill_listener.hpp"
#include "engine/wallet_funds_check.hpp"
#include "risk/risk_manager.hpp"
#include "service/job_port.hpp"

namespace polycopy::app {

struct LtJobIntervals {
  std::chrono::milliseconds execute{120'000};
  std::chrono::milliseconds track{5'000};
  std::chrono::milliseconds resolve{600'000};
  std::chrono::milliseconds redemptions{600'000};
  int jitter_percent = 10;
};

class LtJobs : public service::JobPort {
 public:
  // Everything given must outlive the jobs.
  LtJobs(store::Store& store, const core::SecretBox& wallet_key, net::HttpClient& http,
         const std::string& clob_url, const core::Clock& clock,
         engine::LtEngine::DiscoveredTraders discovered, LtJobIntervals intervals = {},
         engine::LtEngineOptions options = {});
  ~LtJobs() override;

  // Fills from the user websocket (url ".../ws/user"), one connection per wallet, kept in
  // step with the wallets' live orders after each execute and track run; a reconnect makes
  // tracking poll at once. Without it, tracking polls on its schedule only.
  // on_reconnect (may be empty) runs after each reconnect of any of them (the metrics).
  void enable_user_fills(std::string ws_user_url, std::function<void()> on_reconnect = {});
  // lt-redemptions redeems winners on chain through `chain`'s nodes; without it, it only
  // counts them. Call before start(); `chain` must outlive the jobs.
  void enable_redemption(const Config::Chain& chain);
  void start();  // the schedule, on its own thread; execute and track run at once
  void stop();
  // New source trades were stored: execute now (the scheduler's thread runs it).
  void trades_arrived();

  core::Result<nlohmann::json> run_job(std::string_view job,
                                       const std::optional<std::string>& user_id) override;
  std::int64_t runs(std::string_view job) const { return scheduler_.runs(job); }
  // For the health checks: the jobs' statuses, and each wallet's user socket.
  std::vector<engine::JobStatus> job_statuses() const { return scheduler_.statuses(); }
  std::vector<std::pair<std::string, net::WsStats>> user_socket_stats();
  // Each trading wallet's balance and allowance against its open commitments (the venue).
  std::vector<store::HealthCheckRecord> wallet_funds() { return funds_.run(); }

 private:
  risk::RiskManager risk_;
  engine::WalletAccess wallets_;
  engine::LtEngine engine_;
  engine::WalletFundsCheck funds_;
  // Starts a listener for each wallet that trades, refreshes their markets.
  void sync_user_fills();

  store::Store& store_;
  net::HttpClient& http_;
  const core::Clock& clock_;
  std::unique_ptr<RedemptionStack> redemption_;
  engine::LtEngine::DiscoveredTraders discovered_;
  std::function<void()> on_user_reconnect_;
  std::mutex listeners_mutex_;
  std::optional<std::string> ws_user_url_;
  std::map<std::string, std::unique_ptr<engine::UserFillListener>> listeners_;  // by wallet
  engine::JobScheduler scheduler_;
};

// The reports as the API and the logs show them.
nlohmann::json to_json(const engine::LtExecuteReport& report);
nlohmann::json to_json(const engine::LtTrackReport& report);
nlohmann::json to_json(const engine::LtResolveReport& report);
nlohmann::json to_json(const engine::LtRedemptionReport& report);

}  // namespace polycopy::app
