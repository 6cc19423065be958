#include "engine/alert_dispatcher.hpp"

#include <map>

#include <spdlog/spdlog.h>

namespace polycopy::engine {
namespace {

notify::AlertNotice notice_of(const store::AlertRecord& alert) {
  notify::AlertNotice notice;
  notice.alert_id = alert.id;
  notice.severity = alert.severity;
  notice.code = alert.code;
  notice.message = alert.message;
  notice.user_id = alert.user_id;
  notice.lt_strategy_id = alert.lt_strategy_id;
  notice.occurrences = alert.occurrences;
  notice.raised_at = alert.created_at;
  return notice;
}

}  // namespace

AlertDispatcher::AlertDispatcher(store::Store& store, const core::Clock& clock,
                                 std::vector<notify::ConfiguredChannel> channels,
                                 AlertDeliverySettings settings)
    : store_(store), clock_(clock), channels_(std::move(channels)), settings_(settings) {}

notify::AlertChannel* AlertDispatcher::find(const std::string& name) const {
  for (const auto& configured : channels_)
    if (configured.name == name) return configured.channel.get();
  return nullptr;
}

store::DeliveryResult AlertDispatcher::attempt(const store::DueAlertDelivery& due,
                                               core::Timestamp now) {
  store::DeliveryResult result;
  auto* channel = find(due.delivery.channel);
  if (!channel) {
    result.outcome = store::DeliveryOutcome::failed;
    result.error = "channel_not_configured: no channel named " + due.delivery.channel;
    return result;
  }
  const auto sent = channel->send(notice_of(due.alert));
  if (sent) return result;
  result.error = sent.error().to_string();
  const auto attempts = due.delivery.attempts + 1;
  if (attempts >= settings_.max_attempts) {
    result.outcome = store::DeliveryOutcome::failed;
    return result;
  }
  result.outcome = store::DeliveryOutcome::retry;
  result.next_attempt_at = now + settings_.first_retry * (std::int64_t{1} << (attempts - 1));
  return result;
}

nlohmann::json AlertDispatcher::run_once() {
  if (channels_.empty()) return {{"channels", 0}};
  const auto now = clock_.now();
  std::vector<store::AlertChannelRoute> routes;
  for (const auto& configured : channels_)
    routes.push_back({configured.name, configured.min_severity});
  const auto enqueued = store_.enqueue_alert_deliveries(routes, now - settings_.max_age, now);
  if (!enqueued) return {{"error", enqueued.error().to_string()}};
  const auto due = store_.list_due_alert_deliveries(now, settings_.batch);
  if (!due) return {{"error", due.error().to_string()}};

  std::map<std::string, std::int64_t> sent_this_hour;  // per channel, counted once per run
  std::int64_t sent = 0, retrying = 0, failed = 0, rate_limited = 0;
  for (const auto& delivery : *due) {
    const auto& channel = delivery.delivery.channel;
    if (!sent_this_hour.contains(channel)) {
      const auto count = store_.count_alert_deliveries_sent(channel, now - std::chrono::hours(1));
      if (!count) return {{"error", count.error().to_string()}};
      sent_this_hour[channel] = *count;
    }
    if (sent_this_hour[channel] >= settings_.per_channel_per_hour) {
      ++rate_limited;  // stays pending: sent when the hour frees up
      continue;
    }
    const auto result = attempt(delivery, now);
    if (const auto recorded = store_.record_alert_delivery(delivery.delivery.id, result, now);
        !recorded) {
      spdlog::error("alerts: recording delivery {}: {}", delivery.delivery.id,
                    recorded.error().to_string());
      continue;
    }
    switch (result.outcome) {
      case store::DeliveryOutcome::sent:
        ++sent;
        ++sent_this_hour[channel];
        break;
      case store::DeliveryOutcome::retry:
        ++retrying;
        spdlog::warn("alerts: {} to {} failed, retrying: {}", delivery.alert.id, channel,
                     result.error.value_or(""));
        break;
      case store::DeliveryOutcome::failed:
        ++failed;
        spdlog::error("alerts: {} to {} given up: {}", delivery.alert.id, channel,
                      result.error.value_or(""));
        break;
    }
  }
  return {{"enqueued", *enqueued},
          {"sent", sent},
          {"retrying", retrying},
          {"failed", failed},
          {"rate_limited", rate_limited}};
}

}  // namespace polycopy::engine
