#pragma once
// A websocket client for Polymarket's channels (ws:// and wss:// with SNI and certificate
// checks) on its own io thread: sends the subscription messages after every (re)connect,
// pings with a text frame, treats a silent connection as dead, reconnects with jittered
// backoff, and stops promptly from any thread. No Beast/Asio type appears here.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "net/backoff.hpp"

namespace polycopy::net {

struct WsOptions {
  std::string url;                         // ws://host[:port]/path or wss://…
  std::vector<std::string> subscriptions;  // text frames sent, in order, after each connect
  std::string ping_text = "PING";          // Polymarket wants a text PING about every 10 s
  std::chrono::milliseconds ping_interval{10'000};  // 0 = no pings
  std::string pong_text = "PONG";  // frames equal to this are counted, not delivered
  std::chrono::milliseconds idle_timeout{30'000};     // no frame for this long = dead; 0 = off
  std::chrono::milliseconds connect_timeout{10'000};  // TCP + TLS + websocket handshake each
  BackoffPolicy reconnect{std::chrono::milliseconds(500), std::chrono::milliseconds(30'000), 2.0,
                          0.5};
  std::size_t max_message_bytes = 16u << 20;
  std::string ca_file;  // PEM file of trusted CAs; empty: the system's trust store
  // false accepts any certificate for any name: for tests against self-signed servers only,
  // never in production.
  bool verify_tls = true;
  std::string user_agent = "polycopy/0.1";
  std::uint64_t jitter_seed = 0;  // 0 = random
  // Called on the io thread after every successful handshake but the first (the metrics
  // registry's reconnect counter, injected by whoever owns it). Must not throw or block.
  std::function<void()> on_reconnect;
};

struct WsStats {
  std::uint64_t connects = 0;          // successful handshakes
  std::uint64_t reconnects = 0;        // successful handshakes after the first
  std::uint64_t connect_failures = 0;  // attempts that never reached an open socket
  std::uint64_t disconnects = 0;       // open connections that ended (not by stop())
  std::uint64_t dead_detections = 0;   // of those, ended for silence
  std::uint64_t messages = 0;          // text frames delivered to the handler
  std::uint64_t pongs = 0;
  std::uint64_t pings_sent = 0;
  std::optional<core::Timestamp> last_message_at;  // any frame, by the injected clock
  bool connected = false;
};

class WsClient {
 public:
  // Both run on the io thread and must not block for long; exceptions are logged and dropped.
  using MessageHandler = std::function<void(const std::string& text)>;
  // true after a connect once the subscriptions are queued (time to re-sync state by REST),
  // false when an open connection is lost.
  using ConnectionHandler = std::function<void(bool connected)>;

  WsClient(WsOptions options, MessageHandler on_message, ConnectionHandler on_connection = {},
           const core::Clock* clock = nullptr);
  ~WsClient();  // stop()
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // Starts the io thread, which connects and keeps reconnecting until stop().
  // Errors: "invalid_url", "already_started".
  core::Status start();
  // Thread-safe, idempotent, prompt (a close frame gets a short grace, then the socket is
  // closed). Joins the io thread unless called from a handler on it.
  void stop();
  // Queues a text frame on the current connection. Error "not_connected" when there is none
  // (later subscribe/unsubscribe operations: also change the subscriptions).
  core::Status send(std::string text);
  // Replaces the frames sent after future reconnects (not sent now).
  void set_subscriptions(std::vector<std::string> subscriptions);
  WsStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::net
