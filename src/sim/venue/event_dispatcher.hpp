#pragma once
// Delivers venue events to listeners in the order they happened, never under the venue's
// lock. Events are queued while the venue's lock is held (so the queue order is the order of
// the state changes); whichever thread finds nobody delivering drains the queue. A listener
// that calls back into the venue only queues more events: they are delivered after it
// returns, by the same loop, so nothing deadlocks and nothing is reordered.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "sim/venue/venue.hpp"

namespace polycopy::sim {

class EventDispatcher {
 public:
  int subscribe(Venue::Listener listener);
  void unsubscribe(int id);
  void enqueue(VenueEvent event);
  // Delivers everything queued, unless another call up the stack or on another thread is
  // already doing it (then that call delivers these too).
  void deliver();

 private:
  struct Subscription {
    Venue::Listener listener;
    bool active = true;  // guarded by mutex_; false once unsubscribed
  };

  std::mutex mutex_;
  std::deque<VenueEvent> queue_;
  std::map<int, std::shared_ptr<Subscription>> subscriptions_;
  int next_id_ = 1;
  bool delivering_ = false;
};

}  // namespace polycopy::sim
