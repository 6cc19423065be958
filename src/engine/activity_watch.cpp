#include "engine/activity_watch.hpp"

namespace polycopy::engine {

ActivityWatch::ActivityWatch(std::string market_ws_url, std::function<void()> on_activity,
                             std::function<void()> on_reconnect) {
  polymarket::MarketChannelOptions options;
  options.ws.url = std::move(market_ws_url);
  options.ws.on_reconnect = std::move(on_reconnect);
  options.initial_dump = false;
  polymarket::MarketChannelHandlers handlers;
  handlers.on_last_trade_price = [on_activity](const auto&) { on_activity(); };
  handlers.on_market_resolved = [on_activity](const auto&) { on_activity(); };
  channel_ = std::make_unique<polymarket::MarketChannel>(std::move(options), std::move(handlers));
}

ActivityWatch::~ActivityWatch() {
  stop();
}

core::Status ActivityWatch::start() {
  return channel_->start();
}

net::WsStats ActivityWatch::stats() const {
  return channel_->stats();
}

void ActivityWatch::stop() {
  channel_->stop();
}

void ActivityWatch::watch(const std::vector<std::string>& token_ids) {
  const std::set<std::string> wanted(token_ids.begin(), token_ids.end());
  std::vector<std::string> added, removed;
  for (const auto& id : wanted) {
    if (!watched_.contains(id)) added.push_back(id);
  }
  for (const auto& id : watched_) {
    if (!wanted.contains(id)) removed.push_back(id);
  }
  if (!added.empty()) channel_->subscribe(added);
  if (!removed.empty()) channel_->unsubscribe(removed);
  watched_ = wanted;
}

core::Result<std::vector<std::string>> tokens_to_watch(store::Store& store) {
  auto open = store.open_market_conditions();
  if (!open) return open.error();
  std::vector<std::string> tokens;
  for (const auto& condition_id : *open) {
    auto market = store.get_market(condition_id);
    if (!market) return market.error();
    if (!*market) continue;
    for (const auto& token : (*market)->tokens) tokens.push_back(token.token_id);
  }
  return tokens;
}

}  // namespace polycopy::engine
