// WsClient over wss:// against a loopback Beast TLS websocket server with certificates made
// at test time: trust through ca_file, refusal of an unknown CA and of a wrong name, the
// verify_tls=false escape hatch, and SNI.
#include <gtest/gtest.h>

#include <mutex>

#include "net/test_support.hpp"
#include "net/tls_test_support.hpp"
#include "net/ws_client.hpp"
#include "net/ws_test_server.hpp"

namespace polycopy::net {
namespace {

using std::chrono::milliseconds;
using testing::eventually;
using testing::LogCapture;
using testing::TempDir;
using testing::TlsIdentity;
using testing::TlsWsServer;

const std::string kSubscribe = R"({"assets_ids":["123"],"type":"market"})";

struct Inbox {
  std::mutex mutex;
  std::vector<std::string> messages;
  std::vector<bool> transitions;
  WsClient::MessageHandler handler() {
    return [this](const std::string& text) {
      std::lock_guard lock(mutex);
      messages.push_back(text);
    };
  }
  WsClient::ConnectionHandler connection() {
    return [this](bool up) {
      std::lock_guard lock(mutex);
      transitions.push_back(up);
    };
  }
  std::size_t size() {
    std::lock_guard lock(mutex);
    return messages.size();
  }
};

class WsTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    trusted_ = new TlsIdentity(
        testing::make_tls_identity("polycopy test CA", "IP:127.0.0.1,DNS:localhost"));
    // Same names, but signed by a CA the client is not told about.
    untrusted_ = new TlsIdentity(
        testing::make_tls_identity("polycopy rogue CA", "IP:127.0.0.1,DNS:localhost"));
    // Signed by a CA the client trusts, but for another name.
    wrong_name_ =
        new TlsIdentity(testing::make_tls_identity("polycopy other CA", "DNS:example.test"));
  }
  static void TearDownTestSuite() {
    delete trusted_;
    delete untrusted_;
    delete wrong_name_;
  }

  WsOptions options(const std::string& url, const std::string& ca_pem) {
    WsOptions options;
    options.url = url;
    options.subscriptions = {kSubscribe};
    options.ping_interval = milliseconds(0);
    options.idle_timeout = milliseconds(2000);
    options.connect_timeout = milliseconds(2000);
    options.reconnect = BackoffPolicy{milliseconds(20), milliseconds(80), 2.0, 0.5};
    options.jitter_seed = 11;
    if (!ca_pem.empty()) options.ca_file = dir_.write("ca.pem", ca_pem);
    return options;
  }

  // A refused server: the client keeps trying with backoff, never reports a connection, and
  // nothing reaches the handlers.
  void expect_refused(TlsWsServer& server, WsOptions opts, const std::string& why) {
    LogCapture logs;
    Inbox inbox;
    WsClient client(std::move(opts), inbox.handler(), inbox.connection());
    ASSERT_TRUE(client.start().ok());
    ASSERT_TRUE(eventually([&] { return client.stats().connect_failures >= 2; }));
    ASSERT_TRUE(eventually([&] { return server.tls_failures() >= 2; }));
    server.send_to_all("should never arrive");
    client.stop();
    const WsStats stats = client.stats();
    EXPECT_EQ(stats.connects, 0u);
    EXPECT_FALSE(stats.connected);
    EXPECT_EQ(stats.messages, 0u);
    EXPECT_EQ(server.ws_connections(), 0);
    EXPECT_EQ(inbox.size(), 0u);
    {
      std::lock_guard lock(inbox.mutex);
      EXPECT_TRUE(inbox.transitions.empty());
    }
    const std::string text = logs.text();
    EXPECT_NE(text.find("TLS handshake failed"), std::string::npos) << text;
    EXPECT_NE(text.find(why), std::string::npos) << text;
    EXPECT_NE(text.find("reconnecting in"), std::string::npos) << text;
  }

  static TlsIdentity* trusted_;
  static TlsIdentity* untrusted_;
  static TlsIdentity* wrong_name_;
  TempDir dir_;
};

TlsIdentity* WsTls::trusted_ = nullptr;
TlsIdentity* WsTls::untrusted_ = nullptr;
TlsIdentity* WsTls::wrong_name_ = nullptr;

TEST_F(WsTls, TrustedCaConnectsSubscribesDeliversAndResubscribesAfterADrop) {
  TlsWsServer server(*trusted_);
  Inbox inbox;
  WsClient client(options(server.url("127.0.0.1"), trusted_->ca_pem), inbox.handler(),
                  inbox.connection());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return !server.received(0).empty(); }));
  EXPECT_EQ(server.received(0).at(0), kSubscribe);
  ASSERT_TRUE(eventually([&] { return client.stats().connected; }));

  server.send_to_all(R"([{"event_type":"book"}])");
  ASSERT_TRUE(eventually([&] { return inbox.size() == 1; }));
  {
    std::lock_guard lock(inbox.mutex);
    EXPECT_EQ(inbox.messages.at(0), R"([{"event_type":"book"}])");
  }

  server.drop_all();
  ASSERT_TRUE(eventually([&] { return !server.received(1).empty(); }));
  EXPECT_EQ(server.received(1).at(0), kSubscribe);  // subscribed again on the new connection
  ASSERT_TRUE(eventually([&] { return client.stats().reconnects == 1; }));
  server.send_to_all("after reconnect");
  ASSERT_TRUE(eventually([&] { return inbox.size() == 2; }));
  client.stop();

  const WsStats stats = client.stats();
  EXPECT_EQ(stats.connects, 2u);
  EXPECT_EQ(stats.disconnects, 1u);
  EXPECT_EQ(stats.connect_failures, 0u);
  std::lock_guard lock(inbox.mutex);
  EXPECT_EQ(inbox.transitions, (std::vector<bool>{true, false, true}));
  // An IP literal is not a valid SNI name (RFC 6066): none is sent.
  EXPECT_EQ(server.server_names().at(0), "");
}

TEST_F(WsTls, CertificateFromAnUntrustedCaIsRefused) {
  TlsWsServer server(*untrusted_);
  expect_refused(server, options(server.url("127.0.0.1"), trusted_->ca_pem),
                 "unable to get local issuer certificate");
}

TEST_F(WsTls, SystemTrustStoreDoesNotTrustTheTestCa) {
  TlsWsServer server(*trusted_);
  expect_refused(server, options(server.url("localhost"), ""),
                 "unable to get local issuer certificate");
}

TEST_F(WsTls, CertificateForAnotherNameIsRefused) {
  TlsWsServer server(*wrong_name_);
  expect_refused(server, options(server.url("127.0.0.1"), wrong_name_->ca_pem),
                 "IP address mismatch");
}

TEST_F(WsTls, CertificateForAnotherDnsNameIsRefused) {
  TlsWsServer server(*wrong_name_);
  expect_refused(server, options(server.url("localhost"), wrong_name_->ca_pem),
                 "hostname mismatch");
}

// verify_tls = false exists for tests only: it accepts any certificate.
TEST_F(WsTls, VerifyTlsFalseConnectsToAnyCertificate) {
  TlsWsServer server(*untrusted_);
  Inbox inbox;
  WsOptions opts = options(server.url("127.0.0.1"), "");
  opts.verify_tls = false;
  WsClient client(std::move(opts), inbox.handler(), inbox.connection());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return !server.received(0).empty(); }));
  EXPECT_EQ(server.received(0).at(0), kSubscribe);
  server.send_to_all("hello");
  ASSERT_TRUE(eventually([&] { return inbox.size() == 1; }));
  client.stop();
  EXPECT_EQ(client.stats().connects, 1u);
}

TEST_F(WsTls, SniCarriesTheDnsName) {
  TlsWsServer server(*trusted_);
  Inbox inbox;
  WsClient client(options(server.url("localhost"), trusted_->ca_pem), inbox.handler(),
                  inbox.connection());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return !server.received(0).empty(); }));
  EXPECT_EQ(server.received(0).at(0), kSubscribe);
  ASSERT_FALSE(server.server_names().empty());
  EXPECT_EQ(server.server_names().at(0), "localhost");
  client.stop();
}

TEST_F(WsTls, MissingCaFileFailsAtStart) {
  WsOptions opts = options("wss://127.0.0.1:1/ws", "");
  opts.ca_file = "/nonexistent/polycopy-ca.pem";
  WsClient client(std::move(opts), {});
  const auto status = client.start();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "tls_failed");
}

}  // namespace
}  // namespace polycopy::net
