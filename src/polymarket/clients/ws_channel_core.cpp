#include "polymarket/clients/ws_channel_core.hpp"

#include <algorithm>
#include <mutex>

namespace polycopy::polymarket {

struct WsChannelCore::Impl {
  std::string name;
  net::WsOptions options;
  WsChannelFrames frames;
  net::WsClient::MessageHandler on_message;
  net::WsClient::ConnectionHandler on_connection;
  const core::Clock* clock;
  mutable std::mutex mutex;
  std::vector<std::string> ids;  // guarded by mutex
  std::unique_ptr<net::WsClient> ws;

  std::string initial_frame() const { return frames.initial(ids); }
};

WsChannelCore::WsChannelCore(std::string name, net::WsOptions ws, std::vector<std::string> ids,
                             WsChannelFrames frames, net::WsClient::MessageHandler on_message,
                             net::WsClient::ConnectionHandler on_connection,
                             const core::Clock* clock)
    : impl_(std::make_unique<Impl>()) {
  impl_->name = std::move(name);
  impl_->options = std::move(ws);
  impl_->frames = std::move(frames);
  impl_->on_message = std::move(on_message);
  impl_->on_connection = std::move(on_connection);
  impl_->clock = clock;
  impl_->ids = std::move(ids);
}

WsChannelCore::~WsChannelCore() {
  stop();
}

core::Status WsChannelCore::start() {
  if (impl_->ws) return core::Error{"already_started", impl_->name + " channel already started"};
  net::WsOptions ws = impl_->options;
  {
    std::lock_guard lock(impl_->mutex);
    ws.subscriptions = {impl_->initial_frame()};
  }
  auto client = std::make_unique<net::WsClient>(std::move(ws), impl_->on_message,
                                                impl_->on_connection, impl_->clock);
  {
    std::lock_guard lock(impl_->mutex);
    impl_->ws = std::move(client);
  }
  auto started = impl_->ws->start();
  if (!started) {
    std::lock_guard lock(impl_->mutex);
    impl_->ws.reset();  // may be started again
  }
  return started;
}

void WsChannelCore::stop() {
  if (impl_->ws) impl_->ws->stop();
}

void WsChannelCore::change(const std::vector<std::string>& ids, bool add) {
  std::string frame;
  {
    std::lock_guard lock(impl_->mutex);
    std::vector<std::string>& current = impl_->ids;
    std::vector<std::string> delta;
    for (const auto& id : ids) {
      auto it = std::find(current.begin(), current.end(), id);
      if (add && it == current.end()) {
        current.push_back(id);
        delta.push_back(id);
      } else if (!add && it != current.end()) {
        current.erase(it);
        delta.push_back(id);
      }
    }
    if (delta.empty()) return;
    frame = impl_->frames.operation(delta, add);
    if (impl_->ws) impl_->ws->set_subscriptions({impl_->initial_frame()});
  }
  // Not connected: the reconnect subscribes.
  if (impl_->ws) (void)impl_->ws->send(std::move(frame));
}

std::vector<std::string> WsChannelCore::ids() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->ids;
}

bool WsChannelCore::contains(const std::string& id) const {
  std::lock_guard lock(impl_->mutex);
  return std::find(impl_->ids.begin(), impl_->ids.end(), id) != impl_->ids.end();
}

net::WsStats WsChannelCore::stats() const {
  return impl_->ws ? impl_->ws->stats() : net::WsStats{};
}

}  // namespace polycopy::polymarket
