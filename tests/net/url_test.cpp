#include "net/url.hpp"

#include <gtest/gtest.h>

namespace polycopy::net {
namespace {

TEST(Url, SplitsSchemeHostPortAndTarget) {
  auto url = parse_url("wss://ws-subscriptions-clob.polymarket.com/ws/market");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->scheme, "wss");
  EXPECT_EQ(url->host, "ws-subscriptions-clob.polymarket.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/ws/market");
  EXPECT_TRUE(url->tls());

  url = parse_url("HTTP://127.0.0.1:8080?x=1");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->target, "/?x=1");
  EXPECT_EQ(url->path(), "/");

  url = parse_url("ws://[::1]:9000/a?b");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 9000);
  EXPECT_EQ(url->path(), "/a");
}

TEST(Url, RefusesWhatItCannotUseSafely) {
  for (const char* bad : {"clob.polymarket.com/x", "ftp://h/", "https://user:pw@h/", "https://h:0/",
                          "https://h:70000/", "https://h:/", "https:///x", "https://h/a b",
                          "https://h/#frag", "ws://[::1/"}) {
    auto url = parse_url(bad);
    ASSERT_FALSE(url.ok()) << bad;
    EXPECT_EQ(url.error().code, "invalid_url");
  }
}

TEST(Url, JoinsWithExactlyOneSlash) {
  EXPECT_EQ(join_url("https://clob.polymarket.com/", "/book?token_id=1"),
            "https://clob.polymarket.com/book?token_id=1");
  EXPECT_EQ(join_url("http://127.0.0.1:9/base", "x"), "http://127.0.0.1:9/base/x");
}

}  // namespace
}  // namespace polycopy::net
