#include "engine/user_fill_listener.hpp"

#include <exception>

#include "chain/hex.hpp"

namespace polycopy::engine {
namespace {

// Every order id a trade names: its taker's and each maker's.
std::vector<std::string> named_order_ids(const polymarket::parse::ClobTrade& trade) {
  std::vector<std::string> ids;
  if (trade.taker_order_id) ids.push_back(chain::to_hex(*trade.taker_order_id));
  for (const auto& maker : trade.maker_orders) ids.push_back(chain::to_hex(maker.order_id));
  return ids;
}

}  // namespace

UserFillListener::UserFillListener(store::Store& store, risk::RiskManager& risk,
                                   WalletAccess& wallets, store::Wallet wallet,
                                   UserFillListenerOptions options, const core::Clock& clock,
                                   PollNeeded on_poll_needed)
    : store_(store),
      wallets_(wallets),
      wallet_(std::move(wallet)),
      options_(std::move(options)),
      clock_(clock),
      on_poll_needed_(std::move(on_poll_needed)),
      recorder_(store, risk, clock) {}

UserFillListener::~UserFillListener() {
  stop();
}

core::Result<UserFillListener::LiveSet> UserFillListener::read_live_orders() {
  auto strategies = store_.list_lt_strategies(wallet_.user_id);
  if (!strategies) return strategies.error();
  LiveSet set;
  for (const auto& strategy : *strategies) {
    if (strategy.params.wallet_id != wallet_.id) continue;
    auto orders = store_.list_orders(
        strategy.id, {store::OrderState::submitted, store::OrderState::partially_filled});
    if (!orders) return orders.error();
    for (const auto& order : *orders) {
      if (!order.venue_order_id) continue;
      set.by_venue_id[*order.venue_order_id] = LiveOrder{strategy.id, order.id};
      // A market the store does not know cannot be subscribed to; polling still follows it.
      auto market = store_.get_market_by_token(order.token_id);
      if (!market) return market.error();
      if (*market) set.markets.insert((*market)->market.condition_id);
    }
  }
  return set;
}

core::Status UserFillListener::start() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (channel_) return core::Error{"already_started", "user fill listener already started"};
  auto live = read_live_orders();
  if (!live) return live.error();
  auto identity = wallets_.trading_identity(wallet_);
  if (!identity) return identity.error();
  std::vector<std::string> markets(live->markets.begin(), live->markets.end());
  {
    std::lock_guard lock(mutex_);
    live_ = std::move(*live);
  }
  polymarket::UserChannelOptions channel_options;
  channel_options.ws = options_.ws;
  channel_options.ws.url = options_.url;
  channel_options.credentials = identity->credentials;
  channel_options.markets = std::move(markets);
  polymarket::UserChannelHandlers handlers;
  handlers.on_trade = [this](const polymarket::parse::ClobTrade& trade) { on_trade(trade); };
  handlers.on_parse_error = [this](const core::Error& error) {
    note_error("user channel: " + error.to_string());
  };
  handlers.on_connection = [this](bool connected) { on_connection(connected); };
  auto channel = std::make_unique<polymarket::UserChannel>(std::move(channel_options),
                                                           std::move(handlers), &clock_);
  if (auto started = channel->start(); !started) return started.error();
  channel_ = std::move(channel);
  return core::Status{};
}

void UserFillListener::stop() {
  std::unique_ptr<polymarket::UserChannel> channel;
  {
    std::lock_guard lifecycle(lifecycle_mutex_);
    channel = std::move(channel_);
  }
  if (channel) channel->stop();  // joins the websocket thread: no callback runs after this
  connected_ = false;
}

core::Status UserFillListener::refresh() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  auto live = read_live_orders();
  if (!live) return live.error();
  const std::set<std::string> wanted = live->markets;
  {
    std::lock_guard lock(mutex_);
    live_ = std::move(*live);
  }
  if (!channel_) return core::Status{};
  const auto current = channel_->markets();
  const std::set<std::string> have(current.begin(), current.end());
  std::vector<std::string> added, removed;
  for (const auto& market : wanted)
    if (!have.count(market)) added.push_back(market);
  for (const auto& market : have)
    if (!wanted.count(market)) removed.push_back(market);
  if (!added.empty()) channel_->subscribe(added);
  if (!removed.empty()) channel_->unsubscribe(removed);
  return core::Status{};
}

bool UserFillListener::take_poll_request() {
  return poll_requested_.exchange(false);
}

bool UserFillListener::connected() const {
  return connected_;
}

std::vector<std::string> UserFillListener::markets() const {
  std::lock_guard lifecycle(lifecycle_mutex_);
  return channel_ ? channel_->markets() : std::vector<std::string>{};
}

net::WsStats UserFillListener::socket_stats() const {
  std::lock_guard lifecycle(lifecycle_mutex_);
  return channel_ ? channel_->stats() : net::WsStats{};
}

UserFillStats UserFillListener::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::vector<UserFillListener::LiveOrder> UserFillListener::orders_named(
    const polymarket::parse::ClobTrade& trade) {
  const auto ids = named_order_ids(trade);
  const auto lookup = [&] {
    std::vector<LiveOrder> found;
    std::lock_guard lock(mutex_);
    for (const auto& id : ids)
      if (const auto it = live_.by_venue_id.find(id); it != live_.by_venue_id.end())
        found.push_back(it->second);
    return found;
  };
  auto found = lookup();
  if (!found.empty()) return found;
  // An order placed since the last refresh, or one the store does not know (then ignored).
  auto live = read_live_orders();
  if (!live) {
    note_error("reading live orders: " + live.error().to_string());
    return found;
  }
  {
    std::lock_guard lock(mutex_);
    live_.by_venue_id = std::move(live->by_venue_id);  // subscriptions change in refresh()
  }
  return lookup();
}

void UserFillListener::on_trade(const polymarket::parse::ClobTrade& trade) {
  {
    std::lock_guard lock(mutex_);
    ++stats_.trades;
  }
  // Runs on the websocket thread: nothing may escape into the client's io loop.
  try {
    const auto named = orders_named(trade);
    if (named.empty()) {
      std::lock_guard lock(mutex_);
      ++stats_.ignored;
      return;
    }
    for (const auto& live : named) {
      auto order = store_.find_order(live.order_id);
      if (!order || !*order) {
        note_error(live.order_id + ": " +
                   (order ? std::string("order not found") : order.error().to_string()));
        continue;
      }
      auto recorded = recorder_.record(live.lt_strategy_id, **order, trade);
      if (!recorded) {
        note_error(live.order_id + ": " + recorded.error().to_string());
        continue;
      }
      std::lock_guard lock(mutex_);
      if (recorded->stored_now) ++stats_.fills_recorded;
      if (store::is_final(recorded->order.state) && recorded->order.venue_order_id)
        live_.by_venue_id.erase(*recorded->order.venue_order_id);
    }
  } catch (const std::exception& e) {
    note_error(std::string("trade ") + trade.trade_id + ": " + e.what());
  }
}

void UserFillListener::on_connection(bool connected) {
  connected_ = connected;
  if (!connected) return;
  poll_requested_ = true;
  {
    std::lock_guard lock(mutex_);
    ++stats_.poll_requests;
  }
  if (on_poll_needed_) on_poll_needed_();
}

void UserFillListener::note_error(const std::string& text) {
  std::lock_guard lock(mutex_);
  ++stats_.errors;
  stats_.last_error = text;
}

}  // namespace polycopy::engine
