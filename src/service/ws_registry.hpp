#pragma once
// Internal to the service layer: the server's list of open websocket sessions, so that
// stop() can close them all and wait() can report the ones the io threads left behind.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace polycopy::service {

class WsSession;

// Thread-safe. Holds weak pointers only: the io operations own the sessions.
class WsRegistry {
 public:
  std::uint64_t next_id() { return next_id_.fetch_add(1) + 1; }

  // false once shutting down: the caller closes the session instead of opening it.
  bool add(std::uint64_t id, std::weak_ptr<WsSession> session);
  // Runs on_drained (outside the lock) when shutting down and the last session leaves.
  void remove(std::uint64_t id);
  // Refuses new sessions from now on and returns the open ones for the caller to close;
  // on_drained runs once none is left (at once when there is none).
  std::vector<std::shared_ptr<WsSession>> shut_down(std::function<void()> on_drained);
  std::vector<std::shared_ptr<WsSession>> open_sessions() const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::uint64_t, std::weak_ptr<WsSession>> sessions_;
  bool shutting_down_ = false;
  std::function<void()> on_drained_;
  std::atomic<std::uint64_t> next_id_{0};
};

}  // namespace polycopy::service
