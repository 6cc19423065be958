#pragma once
// Delivers alerts to the configured channels: each new alert at or above a channel's minimum
// severity gets one delivery there (the store keeps it, so a restart neither loses nor
// repeats one), sent critical first, at most per_channel_per_hour an hour per channel (the
// rest wait their turn), retried with a doubling delay and given up after max_attempts.
// Runs on its own thread (app/alert_jobs): a slow or dead channel never holds up trading.
#include <chrono>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "notify/channel_factory.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct AlertDeliverySettings {
  // An alert older than this when a channel first sees it is not sent there (a channel
  // added later does not replay history).
  std::chrono::minutes max_age{60};
  std::int64_t per_channel_per_hour = 30;
  std::int64_t max_attempts = 5;
  std::chrono::seconds first_retry{30};  // doubled after each failed attempt
  std::int64_t batch = 100;              // deliveries tried per run
};

class AlertDispatcher {
 public:
  AlertDispatcher(store::Store& store, const core::Clock& clock,
                  std::vector<notify::ConfiguredChannel> channels,
                  AlertDeliverySettings settings = {});

  bool has_channels() const { return !channels_.empty(); }
  // One pass: {"enqueued","sent","retrying","failed","rate_limited"} or {"error"}.
  nlohmann::json run_once();

 private:
  notify::AlertChannel* find(const std::string& name) const;
  store::DeliveryResult attempt(const store::DueAlertDelivery& due, core::Timestamp now);

  store::Store& store_;
  const core::Clock& clock_;
  std::vector<notify::ConfiguredChannel> channels_;
  AlertDeliverySettings settings_;
};

}  // namespace polycopy::engine
