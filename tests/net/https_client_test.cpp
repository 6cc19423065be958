// HttpClient over HTTPS against a loopback Beast TLS server with certificates made at test
// time: trust through TransportOptions::ca_file, and "tls_failed" without a retry for a
// certificate that is refused.
#include <gtest/gtest.h>

#include <thread>

#include "net/http_client.hpp"
#include "net/test_support.hpp"
#include "net/tls_test_support.hpp"

namespace polycopy::net {
namespace {

using std::chrono::milliseconds;
using testing::ClockSleeper;
using testing::HttpsTestServer;
using testing::TempDir;
using testing::TlsIdentity;

class HttpsClient : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    trusted_ = new TlsIdentity(
        testing::make_tls_identity("polycopy test CA", "IP:127.0.0.1,DNS:localhost"));
    untrusted_ = new TlsIdentity(
        testing::make_tls_identity("polycopy rogue CA", "IP:127.0.0.1,DNS:localhost"));
    wrong_name_ =
        new TlsIdentity(testing::make_tls_identity("polycopy other CA", "DNS:example.test"));
  }
  static void TearDownTestSuite() {
    delete trusted_;
    delete untrusted_;
    delete wrong_name_;
  }

  HttpClientOptions options(const std::string& ca_pem) {
    HttpClientOptions options;
    options.transport.connect_timeout = milliseconds(2000);
    options.transport.timeout = milliseconds(3000);
    options.transport.ca_file = dir_.write("ca.pem", ca_pem);
    options.retry.max_attempts = 3;
    options.retry.backoff = BackoffPolicy{milliseconds(10), milliseconds(50), 2.0, 0.0};
    return options;
  }

  // The refusal is final: one attempt, one TCP connection, no request reached the server.
  void expect_tls_failed(HttpsTestServer& server, const std::string& url, const std::string& ca_pem,
                         const std::string& why) {
    HttpClient client(options(ca_pem), HttpClientDeps{&clock_, &sleeper_, nullptr, 1});
    const HttpResult result = client.get(url);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "tls_failed") << result.error().message;
    EXPECT_EQ(result.error().attempts, 1);
    EXPECT_NE(result.error().message.find(why), std::string::npos) << result.error().message;
    EXPECT_TRUE(sleeper_.waits().empty());
    std::this_thread::sleep_for(milliseconds(50));  // a retry would have connected by now
    EXPECT_EQ(server.tcp_connections(), 1);
    EXPECT_EQ(server.requests(), 0);
  }

  static TlsIdentity* trusted_;
  static TlsIdentity* untrusted_;
  static TlsIdentity* wrong_name_;
  TempDir dir_;
  core::ManualClock clock_{core::from_unix_ms(1'700'000'000'000)};
  ClockSleeper sleeper_{clock_};
};

TlsIdentity* HttpsClient::trusted_ = nullptr;
TlsIdentity* HttpsClient::untrusted_ = nullptr;
TlsIdentity* HttpsClient::wrong_name_ = nullptr;

TEST_F(HttpsClient, GetWithTheTestCaSucceeds) {
  HttpsTestServer server(*trusted_);
  HttpClient client(options(trusted_->ca_pem), HttpClientDeps{&clock_, &sleeper_, nullptr, 1});
  const HttpResult first = client.get(server.url("127.0.0.1", "/book?token_id=1"));
  ASSERT_TRUE(first.ok()) << first.error().code << ": " << first.error().message;
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "ok /book?token_id=1");
  const HttpResult second = client.get(server.url("127.0.0.1", "/price"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->body, "ok /price");
  EXPECT_EQ(server.requests(), 2);
  EXPECT_EQ(server.tcp_connections(), 1);      // the TLS connection was kept alive and reused
  EXPECT_EQ(server.server_names().at(0), "");  // no SNI for an IP literal
}

TEST_F(HttpsClient, GetByDnsNameSendsSni) {
  HttpsTestServer server(*trusted_);
  HttpClient client(options(trusted_->ca_pem), HttpClientDeps{&clock_, &sleeper_, nullptr, 1});
  const HttpResult result = client.get(server.url("localhost", "/markets"));
  ASSERT_TRUE(result.ok()) << result.error().code << ": " << result.error().message;
  EXPECT_EQ(result->body, "ok /markets");
  ASSERT_FALSE(server.server_names().empty());
  EXPECT_EQ(server.server_names().back(), "localhost");
}

TEST_F(HttpsClient, UntrustedCertificateIsTlsFailedAndNotRetried) {
  HttpsTestServer server(*untrusted_);
  expect_tls_failed(server, server.url("127.0.0.1", "/book"), trusted_->ca_pem,
                    "unable to get local issuer certificate");
}

TEST_F(HttpsClient, CertificateForAnotherNameIsTlsFailedAndNotRetried) {
  HttpsTestServer server(*wrong_name_);
  expect_tls_failed(server, server.url("127.0.0.1", "/book"), wrong_name_->ca_pem,
                    "no alternative certificate subject name");
}

TEST_F(HttpsClient, PostWithUntrustedCertificateIsTlsFailedNotUnknownOutcome) {
  HttpsTestServer server(*untrusted_);
  HttpClient client(options(trusted_->ca_pem), HttpClientDeps{&clock_, &sleeper_, nullptr, 1});
  const HttpResult result = client.post(server.url("127.0.0.1", "/order"), R"({"a":1})");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "tls_failed") << result.error().message;
  EXPECT_EQ(result.error().attempts, 1);
  EXPECT_EQ(server.requests(), 0);
}

}  // namespace
}  // namespace polycopy::net
