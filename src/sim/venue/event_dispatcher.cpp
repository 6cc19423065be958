#include "sim/venue/event_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace polycopy::sim {

int EventDispatcher::subscribe(Venue::Listener listener) {
  std::lock_guard lock(mutex_);
  const int id = next_id_++;
  subscriptions_.emplace(id, std::make_shared<Subscription>(Subscription{std::move(listener)}));
  return id;
}

void EventDispatcher::unsubscribe(int id) {
  std::lock_guard lock(mutex_);
  auto it = subscriptions_.find(id);
  if (it == subscriptions_.end()) return;
  it->second->active = false;
  subscriptions_.erase(it);
}

void EventDispatcher::enqueue(VenueEvent event) {
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(event));
}

void EventDispatcher::deliver() {
  {
    std::lock_guard lock(mutex_);
    if (delivering_ || queue_.empty()) return;
    delivering_ = true;
  }
  for (;;) {
    VenueEvent event;
    std::vector<std::shared_ptr<Subscription>> targets;
    {
      std::lock_guard lock(mutex_);
      if (queue_.empty()) {
        delivering_ = false;
        return;
      }
      event = std::move(queue_.front());
      queue_.pop_front();
      targets.reserve(subscriptions_.size());
      for (const auto& [id, subscription] : subscriptions_) targets.push_back(subscription);
    }
    for (const auto& subscription : targets) {
      {
        // An earlier listener of this event may have unsubscribed this one.
        std::lock_guard lock(mutex_);
        if (!subscription->active) continue;
      }
      // A throwing listener must not stop the others nor leave the queue stuck.
      try {
        subscription->listener(event);
      } catch (const std::exception& e) {
        spdlog::warn("venue event listener failed: {}", e.what());
      } catch (...) {
        spdlog::warn("venue event listener failed");
      }
    }
  }
}

}  // namespace polycopy::sim
