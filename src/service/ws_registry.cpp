#include "service/ws_registry.hpp"

#include <utility>

namespace polycopy::service {

bool WsRegistry::add(std::uint64_t id, std::weak_ptr<WsSession> session) {
  std::lock_guard lock(mutex_);
  if (shutting_down_) return false;
  sessions_.emplace(id, std::move(session));
  return true;
}

void WsRegistry::remove(std::uint64_t id) {
  std::function<void()> drained;
  {
    std::lock_guard lock(mutex_);
    if (sessions_.erase(id) == 0 || !sessions_.empty() || !shutting_down_) return;
    drained = std::exchange(on_drained_, nullptr);  // at most once
  }
  if (drained) drained();
}

std::vector<std::shared_ptr<WsSession>> WsRegistry::shut_down(std::function<void()> on_drained) {
  std::vector<std::shared_ptr<WsSession>> open;
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
    for (const auto& [id, weak] : sessions_)
      if (auto session = weak.lock()) open.push_back(std::move(session));
    if (!sessions_.empty()) {
      on_drained_ = std::move(on_drained);
      return open;
    }
  }
  if (on_drained) on_drained();
  return open;
}

std::vector<std::shared_ptr<WsSession>> WsRegistry::open_sessions() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<WsSession>> open;
  for (const auto& [id, weak] : sessions_)
    if (auto session = weak.lock()) open.push_back(std::move(session));
  return open;
}

std::size_t WsRegistry::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace polycopy::service
