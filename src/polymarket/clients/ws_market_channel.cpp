#include "polymarket/clients/ws_market_channel.hpp"

#include "polymarket/clients/ws_channel_core.hpp"
#include "polymarket/clients/ws_subscriptions.hpp"
#include "polymarket/parse/payload.hpp"

namespace polycopy::polymarket {

struct MarketChannel::Impl {
  MarketChannelHandlers handlers;
  WsChannelCore channel;

  Impl(MarketChannel* self, MarketChannelOptions options, MarketChannelHandlers h,
       const core::Clock* clock)
      : handlers(std::move(h)),
        channel(
            "market", std::move(options.ws), std::move(options.asset_ids),
            WsChannelFrames{[custom = options.custom_feature_enabled,
                             dump = options.initial_dump](const std::vector<std::string>& ids) {
                              return market_subscription(ids, custom, dump);
                            },
                            market_operation},
            [self](const std::string& text) { self->dispatch(text); },
            [this](bool connected) {
              if (handlers.on_connection) handlers.on_connection(connected);
            },
            clock) {}

  bool subscribed(const std::optional<parse::TokenId>& token) const {
    if (!token) return true;
    return channel.contains(token->to_decimal());
  }
};

MarketChannel::MarketChannel(MarketChannelOptions options, MarketChannelHandlers handlers,
                             const core::Clock* clock)
    : impl_(std::make_unique<Impl>(this, std::move(options), std::move(handlers), clock)) {}

MarketChannel::~MarketChannel() {
  stop();
}

core::Status MarketChannel::start() {
  return impl_->channel.start();
}

void MarketChannel::stop() {
  impl_->channel.stop();
}

void MarketChannel::subscribe(const std::vector<std::string>& asset_ids) {
  impl_->channel.change(asset_ids, true);
}

void MarketChannel::unsubscribe(const std::vector<std::string>& asset_ids) {
  impl_->channel.change(asset_ids, false);
}

std::vector<std::string> MarketChannel::asset_ids() const {
  return impl_->channel.ids();
}

net::WsStats MarketChannel::stats() const {
  return impl_->channel.stats();
}

void MarketChannel::dispatch(const std::string& text) const {
  const MarketChannelHandlers& h = impl_->handlers;
  auto parsed = parse::parse_ws_market(text);
  if (!parsed) {
    if (h.on_parse_error) h.on_parse_error(parsed.error());
    return;
  }
  auto call = [](const auto& fn, const parse::WsMarketEvent& e) {
    if (fn) fn(e);
  };
  for (const parse::WsMarketEvent& event : parsed->items) {
    const auto token = event.book ? std::optional(event.book->token_id) : event.token_id;
    if (!impl_->subscribed(token)) continue;
    const std::string& type = event.event_type;
    if (event.ignored) {
      call(h.on_other, event);
    } else if (type == "book") {
      if (h.on_book && event.book) h.on_book(*event.book);
    } else if (type == "price_change") {
      call(h.on_price_change, event);
    } else if (type == "last_trade_price") {
      call(h.on_last_trade_price, event);
    } else if (type == "tick_size_change") {
      call(h.on_tick_size_change, event);
    } else if (type == "best_bid_ask") {
      call(h.on_best_bid_ask, event);
    } else if (type == "new_market") {
      call(h.on_new_market, event);
    } else if (type == "market_resolved") {
      call(h.on_market_resolved, event);
    } else {
      call(h.on_other, event);
    }
  }
}

}  // namespace polycopy::polymarket
