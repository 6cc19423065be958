#include "polymarket/clients/ws_user_channel.hpp"

#include "polymarket/clients/ws_channel_core.hpp"
#include "polymarket/clients/ws_subscriptions.hpp"
#include "polymarket/parse/payload.hpp"

namespace polycopy::polymarket {

struct UserChannel::Impl {
  UserChannelHandlers handlers;
  WsChannelCore channel;

  Impl(UserChannel* self, UserChannelOptions options, UserChannelHandlers h,
       const core::Clock* clock)
      : handlers(std::move(h)),
        channel(
            "user", std::move(options.ws), std::move(options.markets),
            WsChannelFrames{[credentials = std::move(options.credentials)](
                                const std::vector<std::string>& ids) {
                              return user_subscription(credentials, ids);
                            },
                            user_operation},
            [self](const std::string& text) { self->dispatch(text); },
            [this](bool connected) {
              if (handlers.on_connection) handlers.on_connection(connected);
            },
            clock) {}
};

UserChannel::UserChannel(UserChannelOptions options, UserChannelHandlers handlers,
                         const core::Clock* clock)
    : impl_(std::make_unique<Impl>(this, std::move(options), std::move(handlers), clock)) {}

UserChannel::~UserChannel() {
  stop();
}

core::Status UserChannel::start() {
  return impl_->channel.start();
}

void UserChannel::stop() {
  impl_->channel.stop();
}

void UserChannel::subscribe(const std::vector<std::string>& condition_ids) {
  impl_->channel.change(condition_ids, true);
}

void UserChannel::unsubscribe(const std::vector<std::string>& condition_ids) {
  impl_->channel.change(condition_ids, false);
}

std::vector<std::string> UserChannel::markets() const {
  return impl_->channel.ids();
}

net::WsStats UserChannel::stats() const {
  return impl_->channel.stats();
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
