#include "sim/http/ws_channels.hpp"

#include <spdlog/spdlog.h>

#include "sim/http/route_helpers.hpp"

namespace polycopy::sim {
namespace {

using nlohmann::json;

const std::string kMarketPath = "/ws/market";
const std::string kUserPath = "/ws/user";

// The ids in message[key], skipping what does not parse (the venue ignores unknown ids).
template <class T, class Parse>
std::vector<T> ids(const json& message, const char* key, Parse parse) {
  std::vector<T> out;
  const auto it = message.find(key);
  if (it == message.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (!item.is_string()) continue;
    if (auto id = parse(item.get<std::string>())) out.push_back(*id);
  }
  return out;
}

bool is_unsubscribe(const json& message) {
  const auto op = message.find("operation");
  return op != message.end() && op->is_string() && op->get<std::string>() == "unsubscribe";
}

}  // namespace

WsChannels::WsChannels(SimContext& ctx) : ctx_(ctx) {
  listener_id_ = ctx_.venue.subscribe([this](const VenueEvent& e) { on_event(e); });
}

WsChannels::~WsChannels() {
  ctx_.venue.unsubscribe(listener_id_);
}

service::WsHandler WsChannels::handler() {
  service::WsHandler h;
  h.accept = [](const service::HttpRequest& r) {
    return r.path == kMarketPath || r.path == kUserPath;
  };
  h.on_open = [this](const auto& peer, const auto& r) { on_open(peer, r); };
  h.on_message = [this](const auto& peer, const std::string& text) { on_message(peer, text); };
  h.on_close = [this](const auto& peer) { on_close(peer); };
  return h;
}

std::size_t WsChannels::drop_all() {
  std::vector<std::shared_ptr<service::WsPeer>> peers;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, s] : subscribers_) peers.push_back(s.peer);
  }
  for (const auto& peer : peers) peer->close();
  return peers.size();
}

std::size_t WsChannels::connections() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

void WsChannels::on_open(const std::shared_ptr<service::WsPeer>& peer,
                         const service::HttpRequest& r) {
  std::lock_guard lock(mutex_);
  Subscriber s;
  s.peer = peer;
  s.user_channel = r.path == kUserPath;
  subscribers_.emplace(peer->id(), std::move(s));
}

void WsChannels::on_close(const std::shared_ptr<service::WsPeer>& peer) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(peer->id());
}

void WsChannels::on_message(const std::shared_ptr<service::WsPeer>& peer, const std::string& text) {
  if (text == "PING") {
    peer->send("PONG");
    return;
  }
  const json message = json::parse(text, nullptr, false);
  if (message.is_discarded() || !message.is_object()) {
    peer->send(R"({"error":"invalid message"})");
    return;
  }
  std::unique_lock lock(mutex_);
  const auto it = subscribers_.find(peer->id());
  if (it == subscribers_.end()) return;
  Subscriber& s = it->second;
  if (s.user_channel) {
    subscribe_user(s, message, !is_unsubscribe(message));
    if (!s.authenticated) {
      lock.unlock();
      peer->send(R"({"error":"Unauthorized/Invalid api key"})");
      peer->close();
    }
    return;
  }
  const auto before = s.assets;
  subscribe_market(s, message, !is_unsubscribe(message));
  std::vector<chain::Uint256> added;
  for (const auto& a : s.assets)
    if (!before.count(a)) added.push_back(a);
  lock.unlock();
  // The first frame after subscribing: the books of the new assets, as one array.
  json books = json::array();
  for (const auto& asset : added)
    if (const auto book = ctx_.venue.book(asset)) books.push_back(wire::ws_book(*book));
  if (!books.empty()) peer->send(books.dump());
}

void WsChannels::subscribe_market(Subscriber& s, const json& message, bool add) {
  for (const auto& asset : ids<chain::Uint256>(message, "assets_ids", parse_token)) {
    if (add) {
      s.assets.insert(asset);
    } else {
      s.assets.erase(asset);
    }
  }
}

void WsChannels::subscribe_user(Subscriber& s, const json& message, bool add) {
  if (const auto auth = message.find("auth"); auth != message.end() && auth->is_object()) {
    const auto text = [&](const char* key) {
      const auto v = auth->find(key);
      return v != auth->end() && v->is_string() ? v->get<std::string>() : std::string();
    };
    const auto record = ctx_.keys.find(text("apiKey"));
    s.authenticated = record && record->credentials.secret == text("secret") &&
                      record->credentials.passphrase == text("passphrase");
    if (s.authenticated) s.api_key = record->credentials.key;
  }
  for (const auto& market : ids<chain::Bytes32>(message, "markets", parse_condition)) {
    if (add) {
      s.markets.insert(market);
    } else {
      s.markets.erase(market);
    }
  }
}

void WsChannels::on_event(const VenueEvent& event) {
  // Market-channel frames are the same for every subscriber: serialise once.
  const auto to_market = [&](const chain::Uint256& asset, const std::string& frame) {
    std::lock_guard lock(mutex_);
    for (auto& [id, s] : subscribers_)
      if (!s.user_channel && s.assets.count(asset)) s.peer->send(frame);
  };
  const auto wants_user = [](const Subscriber& s, const std::string& key,
                             const chain::Bytes32& market) {
    return s.user_channel && s.authenticated && s.api_key == key &&
           (s.markets.empty() || s.markets.count(market));
  };
  if (const auto* e = std::get_if<BookChanged>(&event)) {
    to_market(e->token_id, wire::ws_price_change(*e).dump());
  } else if (const auto* e = std::get_if<LastTrade>(&event)) {
    to_market(e->token_id, wire::ws_last_trade(*e).dump());
  } else if (const auto* e = std::get_if<TickSizeChanged>(&event)) {
    to_market(e->token_id, wire::ws_tick_size_change(*e).dump());
  } else if (const auto* e = std::get_if<MarketResolved>(&event)) {
    const auto market = ctx_.venue.market_by_condition(e->condition_id);
    if (!market) return;
    const std::string frame = wire::ws_market_resolved(*e, *market).dump();
    std::lock_guard lock(mutex_);
    for (auto& [id, s] : subscribers_) {
      if (s.user_channel) continue;
      if (s.assets.count(market->market.outcomes[0].token_id) ||
          s.assets.count(market->market.outcomes[1].token_id))
        s.peer->send(frame);
    }
  } else if (const auto* e = std::get_if<OrderEvent>(&event)) {
    const auto market = ctx_.venue.market_by_condition(e->order.condition_id);
    if (!market) return;
    const std::string frame = wire::ws_order(*e, *market).dump();
    std::lock_guard lock(mutex_);
    for (auto& [id, s] : subscribers_)
      if (wants_user(s, e->order.owner, e->order.condition_id)) s.peer->send(frame);
  } else if (const auto* e = std::get_if<TradeEvent>(&event)) {
    const auto market = ctx_.venue.market_by_condition(e->trade.condition_id);
    if (!market) return;
    std::set<std::string> owners{e->trade.taker_owner};
    for (const auto& m : e->trade.maker_orders)
      if (!m.owner.empty()) owners.insert(m.owner);
    std::lock_guard lock(mutex_);
    for (const auto& owner : owners) {
      const std::string frame = wire::ws_trade(*e, owner, *market).dump();
      for (auto& [id, s] : subscribers_)
        if (wants_user(s, owner, e->trade.condition_id)) s.peer->send(frame);
    }
  }
}

}  // namespace polycopy::sim
