#include "polymarket/clients/ws_user_channel.hpp"

#include <algorithm>
#include <mutex>

#include "polymarket/clients/ws_subscriptions.hpp"
#include "polymarket/parse/payload.hpp"

namespace polycopy::polymarket {

struct UserChannel::Impl {
  UserChannelOptions options;
  UserChannelHandlers handlers;
  const core::Clock* clock;
  mutable std::mutex mutex;
  std::vector<std::string> markets;  // guarded by mutex
  std::unique_ptr<net::WsClient> ws;

  std::string initial_frame() const { return user_subscription(options.credentials, markets); }

  void change(const std::vector<std::string>& ids, bool add) {
    std::string frame;
    {
      std::lock_guard lock(mutex);
      std::vector<std::string> delta;
      for (const auto& id : ids) {
        auto it = std::find(markets.begin(), markets.end(), id);
        if (add && it == markets.end()) {
          markets.push_back(id);
          delta.push_back(id);
        } else if (!add && it != markets.end()) {
          markets.erase(it);
          delta.push_back(id);
        }
      }
      if (delta.empty()) return;
      frame = user_operation(delta, add);
      if (ws) ws->set_subscriptions({initial_frame()});
    }
    if (ws) (void)ws->send(std::move(frame));
  }
};

UserChannel::UserChannel(UserChannelOptions options, UserChannelHandlers handlers,
                         const core::Clock* clock)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handlers = std::move(handlers);
  impl_->clock = clock;
  impl_->markets = impl_->options.markets;
}

UserChannel::~UserChannel() {
  stop();
}

core::Status UserChannel::start() {
  if (impl_->ws) return core::Error{"already_started", "user channel already started"};
  net::WsOptions ws = impl_->options.ws;
  {
    std::lock_guard lock(impl_->mutex);
    ws.subscriptions = {impl_->initial_frame()};
  }
  auto on_connection = [this](bool connected) {
    if (impl_->handlers.on_connection) impl_->handlers.on_connection(connected);
  };
  auto client = std::make_unique<net::WsClient>(
      std::move(ws), [this](const std::string& text) { dispatch(text); }, on_connection,
      impl_->clock);
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

void UserChannel::stop() {
  if (impl_->ws) impl_->ws->stop();
}

void UserChannel::subscribe(const std::vector<std::string>& condition_ids) {
  impl_->change(condition_ids, true);
}

void UserChannel::unsubscribe(const std::vector<std::string>& condition_ids) {
  impl_->change(condition_ids, false);
}

std::vector<std::string> UserChannel::markets() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->markets;
}

net::WsStats UserChannel::stats() const {
  return impl_->ws ? impl_->ws->stats() : net::WsStats{};
}

void UserChannel::dispatch(const std::string& text) const {
  const UserChannelHandlers& h = impl_->handlers;
  auto parsed = parse::parse_ws_user(text);
  if (!parsed) {
    if (h.on_parse_error) h.on_parse_error(parsed.error());
    return;
  }
  for (const parse::WsUserEvent& event : parsed->items) {
    if (event.order && h.on_order) h.on_order(*event.order);
    if (event.trade && h.on_trade) h.on_trade(*event.trade);
  }
}

}  // namespace polycopy::polymarket
