#pragma once
// The alert rules and the delivery to channels, on their own thread (a slow or dead channel
// never holds up trading): rules every minute, deliveries every 15 seconds and right after
// rules raised something. Built from the [alerts] configuration.
#include <chrono>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/config.hpp"
#include "engine/alert_dispatcher.hpp"
#include "engine/alert_monitor.hpp"
#include "engine/job_scheduler.hpp"

namespace polycopy::app {

// The channels [alerts] turns on; error "invalid_alert_channel" names a bad setting.
core::Result<std::vector<notify::AlertChannelSettings>> alert_channel_settings(
    const Config::Alerts& config);
engine::AlertRuleSettings alert_rule_settings(const Config::Alerts& config);

class AlertJobs {
 public:
  // Ends the command (exit code 2) when a channel's settings are refused. The store and
  // clock outlive the jobs. `max_age`: how old an alert may be and still go out (the demo
  // delivers its whole run's).
  AlertJobs(store::Store& store, const core::Clock& clock, const Config::Alerts& config,
            std::chrono::minutes max_age = std::chrono::minutes(60));
  ~AlertJobs();
  AlertJobs(const AlertJobs&) = delete;
  AlertJobs& operator=(const AlertJobs&) = delete;

  // Rules then deliveries, now, on the caller's thread: {"rules": …, "delivery": …}.
  nlohmann::json run_now();
  void start();
  void stop();

 private:
  engine::AlertMonitor monitor_;
  engine::AlertDispatcher dispatcher_;
  engine::JobScheduler scheduler_;
};

}  // namespace polycopy::app
