#include "polymarket/clients/ws_market_channel.hpp"

#include <algorithm>
#include <mutex>

#include "polymarket/clients/ws_subscriptions.hpp"
#include "polymarket/parse/payload.hpp"

namespace polycopy::polymarket {

struct MarketChannel::Impl {
  MarketChannelOptions options;
  MarketChannelHandlers handlers;
  const core::Clock* clock;
  mutable std::mutex mutex;
  std::vector<std::string> assets;  // guarded by mutex
  std::unique_ptr<net::WsClient> ws;

  std::string initial_frame() const {
    return market_subscription(assets, options.custom_feature_enabled, options.initial_dump);
  }

  bool subscribed(const std::optional<parse::TokenId>& token) const {
    if (!token) return true;
    const std::string id = token->to_decimal();
    std::lock_guard lock(mutex);
    return std::find(assets.begin(), assets.end(), id) != assets.end();
  }

  void change(const std::vector<std::string>& ids, bool add) {
    std::string frame;
    {
      std::lock_guard lock(mutex);
      std::vector<std::string> delta;
      for (const auto& id : ids) {
        auto it = std::find(assets.begin(), assets.end(), id);
        if (add && it == assets.end()) {
          assets.push_back(id);
          delta.push_back(id);
        } else if (!add && it != assets.end()) {
          assets.erase(it);
          delta.push_back(id);
        }
      }
      if (delta.empty()) return;
      frame = market_operation(delta, add);
      if (ws) ws->set_subscriptions({initial_frame()});
    }
    if (ws) (void)ws->send(std::move(frame));  // not connected: the reconnect subscribes
  }
};

MarketChannel::MarketChannel(MarketChannelOptions options, MarketChannelHandlers handlers,
                             const core::Clock* clock)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handlers = std::move(handlers);
  impl_->clock = clock;
  impl_->assets = impl_->options.asset_ids;
}

MarketChannel::~MarketChannel() {
  stop();
}

core::Status MarketChannel::start() {
  if (impl_->ws) return core::Error{"already_started", "market channel already started"};
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

void MarketChannel::stop() {
  if (impl_->ws) impl_->ws->stop();
}

void MarketChannel::subscribe(const std::vector<std::string>& asset_ids) {
  impl_->change(asset_ids, true);
}

void MarketChannel::unsubscribe(const std::vector<std::string>& asset_ids) {
  impl_->change(asset_ids, false);
}

std::vector<std::string> MarketChannel::asset_ids() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->assets;
}

net::WsStats MarketChannel::stats() const {
  return impl_->ws ? impl_->ws->stats() : net::WsStats{};
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
