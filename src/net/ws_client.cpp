#include "net/ws_client.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "net/ws_connection.hpp"

namespace polycopy::net {

using namespace detail;

struct WsClient::Impl final : WsOwner {
  Impl(WsOptions opts, MessageHandler message, ConnectionHandler connection,
       const core::Clock* injected)
      : options(std::move(opts)),
        on_message(std::move(message)),
        on_connection(std::move(connection)),
        clock(injected ? *injected : system_clock),
        jitter(options.jitter_seed),
        subscriptions(options.subscriptions) {}

  void connect();
  void schedule_reconnect();
  void on_open(WsConnection& connection) override;
  void on_frame(WsConnection& connection, std::string text) override;
  void on_ping_sent(WsConnection& connection) override;
  void on_closed(WsConnection& connection, const std::string& reason, bool was_open,
                 bool dead) override;
  void notify(bool connected);
  std::string where() const { return url.host + url.path(); }  // never the query

  WsOptions options;
  MessageHandler on_message;
  ConnectionHandler on_connection;
  core::SystemClock system_clock;
  const core::Clock& clock;
  Jitter jitter;
  Url url;

  asio::io_context io{1};
  asio::ssl::context tls{asio::ssl::context::tls_client};
  asio::steady_timer retry_timer{io};
  std::shared_ptr<WsConnection> current;  // io thread only
  int failures_in_row = 0;                // io thread only; reset by the first frame
  bool first_frame_seen = false;          // on the current connection
  std::thread thread;
  std::mutex join_mutex;  // stop() may be called from several threads at once
  std::atomic<bool> stopping{false};
  std::atomic<bool> started{false};

  mutable std::mutex mutex;  // guards stats and subscriptions
  WsStats stats;
  std::vector<std::string> subscriptions;
};

void WsClient::Impl::connect() {
  if (stopping) return;
  first_frame_seen = false;
  if (url.tls()) {
    current = std::make_shared<WsConnectionImpl<TlsWs>>(io, &tls, url, options, *this);
  } else {
    current = std::make_shared<WsConnectionImpl<PlainWs>>(io, nullptr, url, options, *this);
  }
  current->start();
}

void WsClient::Impl::schedule_reconnect() {
  if (stopping) return;
  ++failures_in_row;
  const auto delay = backoff_delay(options.reconnect, failures_in_row, jitter.uniform());
  spdlog::info("websocket {}: reconnecting in {} ms", where(), delay.count());
  retry_timer.expires_after(delay);
  retry_timer.async_wait([this](boost::system::error_code ec) {
    if (!ec) connect();
  });
}

void WsClient::Impl::on_open(WsConnection& connection) {
  std::vector<std::string> frames;
  bool reconnected = false;
  {
    std::lock_guard lock(mutex);
    ++stats.connects;
    reconnected = stats.connects > 1;
    if (reconnected) ++stats.reconnects;
    stats.connected = true;
    frames = subscriptions;
  }
  if (reconnected && options.on_reconnect) options.on_reconnect();
  spdlog::info("websocket {}: connected, sending {} subscription message(s)", where(),
               frames.size());
  for (auto& frame : frames) connection.send(std::move(frame));
  notify(true);
}

void WsClient::Impl::on_frame(WsConnection&, std::string text) {
  if (!first_frame_seen) {
    first_frame_seen = true;
    failures_in_row = 0;  // the connection works: the next drop starts the backoff afresh
  }
  const bool pong = text == options.pong_text;
  {
    std::lock_guard lock(mutex);
    stats.last_message_at = clock.now();
    ++(pong ? stats.pongs : stats.messages);
  }
  if (pong || !on_message) return;
  try {
    on_message(text);
  } catch (const std::exception& error) {
    spdlog::error("websocket {}: message handler threw: {}", where(), error.what());
  }
}

void WsClient::Impl::on_ping_sent(WsConnection&) {
  std::lock_guard lock(mutex);
  ++stats.pings_sent;
}

void WsClient::Impl::on_closed(WsConnection& connection, const std::string& reason, bool was_open,
                               bool dead) {
  if (current.get() != &connection) return;
  auto keep = std::move(current);  // the connection lives until this call returns
  {
    std::lock_guard lock(mutex);
    if (was_open) {
      ++stats.disconnects;
      if (dead) ++stats.dead_detections;
    } else {
      ++stats.connect_failures;
    }
    stats.connected = false;
  }
  spdlog::warn("websocket {}: {}", where(), reason);
  if (was_open) notify(false);
  schedule_reconnect();
}

void WsClient::Impl::notify(bool connected) {
  if (!on_connection) return;
  try {
    on_connection(connected);
  } catch (const std::exception& error) {
    spdlog::error("websocket {}: connection handler threw: {}", where(), error.what());
  }
}

WsClient::WsClient(WsOptions options, MessageHandler on_message, ConnectionHandler on_connection,
                   const core::Clock* clock)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(on_message),
                                   std::move(on_connection), clock)) {}

WsClient::~WsClient() {
  stop();
  std::lock_guard lock(impl_->join_mutex);
  if (impl_->thread.joinable()) {
    if (impl_->thread.get_id() == std::this_thread::get_id()) {
      impl_->thread.detach();  // destroyed from its own handler: a misuse we survive
    } else {
      impl_->thread.join();
    }
  }
}

core::Status WsClient::start() {
  Impl& impl = *impl_;
  auto url = parse_url(impl.options.url);
  if (!url) return url.error();
  if (url->scheme != "ws" && url->scheme != "wss")
    return core::Error{"invalid_url", "a websocket URL starts with ws:// or wss://"};
  if (impl.started.exchange(true))
    return core::Error{"already_started", "the websocket client is already started"};
  impl.url = *url;
  if (url->tls()) {
    boost::system::error_code ec;
    if (impl.options.ca_file.empty()) {
      impl.tls.set_default_verify_paths(ec);
    } else {
      impl.tls.load_verify_file(impl.options.ca_file, ec);
    }
    if (ec) return core::Error{"tls_failed", "cannot load trusted certificates: " + ec.message()};
  }
  asio::post(impl.io, [&impl] { impl.connect(); });
  std::lock_guard lock(impl.join_mutex);
  impl.thread = std::thread([&impl] {
    impl.io.run();
    std::lock_guard lock(impl.mutex);
    impl.stats.connected = false;
  });
  return {};
}

void WsClient::stop() {
  Impl& impl = *impl_;
  if (!impl.stopping.exchange(true)) {
    asio::post(impl.io, [&impl] {
      impl.retry_timer.cancel();
      if (auto connection = std::move(impl.current)) connection->shutdown();
    });
  }
  std::lock_guard lock(impl.join_mutex);
  if (impl.thread.joinable() && impl.thread.get_id() != std::this_thread::get_id())
    impl.thread.join();
}

core::Status WsClient::send(std::string text) {
  Impl& impl = *impl_;
  if (impl.stopping || !stats().connected)
    return core::Error{"not_connected", "the websocket is not connected"};
  asio::post(impl.io, [&impl, text = std::move(text)]() mutable {
    if (impl.current && impl.current->open()) impl.current->send(std::move(text));
  });
  return {};
}

void WsClient::set_subscriptions(std::vector<std::string> subscriptions) {
  std::lock_guard lock(impl_->mutex);
  impl_->subscriptions = std::move(subscriptions);
}

WsStats WsClient::stats() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->stats;
}

}  // namespace polycopy::net
