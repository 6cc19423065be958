#pragma once
// A small scenario and helpers shared by the venue tests: one binary market (plus a second
// for cancel-by-market), a market maker quoting 0.49/0.51, two users with their own API keys.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/venue/venue.hpp"

namespace polycopy::sim::venue_test {

using polymarket::OrderType;
using polymarket::Side;

inline constexpr std::int64_t kStartMs = 1'700'000'000'000;
inline const chain::Uint256 kYes{101};
inline const chain::Uint256 kNo{102};
inline const chain::Uint256 kOtherYes{201};
inline const chain::Uint256 kOtherNo{202};

inline chain::Address address(std::uint8_t tag) {
  chain::Address a;
  a.bytes[0] = 0xaa;
  a.bytes[19] = tag;
  return a;
}
inline chain::Bytes32 bytes32(std::uint8_t tag, std::uint8_t kind) {
  chain::Bytes32 b;
  b.bytes[0] = kind;
  b.bytes[31] = tag;
  return b;
}
inline chain::Bytes32 condition(std::uint8_t tag) {
  return bytes32(tag, 0xc0);
}

inline core::Price price(std::int64_t micros) {
  return core::Price::from_micros(micros).value();
}
inline core::Shares shares(std::int64_t micros) {
  return core::Shares::from_micros(micros);
}
inline core::Usd usd(std::int64_t micros) {
  return core::Usd::from_micros(micros);
}
inline constexpr std::int64_t kUnit = 1'000'000;

inline ScenarioMarket binary_market(std::uint8_t tag, chain::Uint256 yes, chain::Uint256 no) {
  ScenarioMarket m;
  m.gamma_id = std::to_string(tag);
  m.condition_id = condition(tag);
  m.question = "Question " + std::to_string(tag);
  m.outcomes[0] = ScenarioOutcome{
      "Yes",
      yes,
      price(500'000),
      {{price(490'000), shares(100 * kUnit)}, {price(480'000), shares(200 * kUnit)}},
      {{price(510'000), shares(100 * kUnit)}, {price(520'000), shares(200 * kUnit)}}};
  m.outcomes[1] = ScenarioOutcome{"No",
                                  no,
                                  price(500'000),
                                  {{price(490'000), shares(100 * kUnit)}},
                                  {{price(510'000), shares(100 * kUnit)}}};
  m.end_date = core::from_unix_ms(kStartMs + 86'400'000LL * 30);
  return m;
}

inline Scenario small_scenario() {
  Scenario s;
  s.start = core::from_unix_ms(kStartMs);
  s.default_balance = usd(1'000 * kUnit);
  s.default_allowance = usd(1'000 * kUnit);
  s.markets.push_back(binary_market(1, kYes, kNo));
  s.markets.push_back(binary_market(2, kOtherYes, kOtherNo));
  return s;
}

struct User {
  chain::Address wallet;
  std::string owner;
};
inline const User kAlice{address(1), "key-alice"};
inline const User kBob{address(2), "key-bob"};

// A signed-and-verified order as the HTTP layer would hand it over; amounts are exact for
// the given price and size (both in micro-units).
inline PlaceRequest order_request(const User& user, chain::Uint256 token, Side side,
                                  std::int64_t price_micros, std::int64_t size_micros,
                                  OrderType type = OrderType::gtc) {
  static std::uint32_t next_hash = 1;
  PlaceRequest r;
  auto& o = r.order.order;
  o.maker.value = user.wallet;
  o.signer.value = user.wallet;
  o.token_id = token;
  o.side = side;
  const std::int64_t cost = core::mul_div(size_micros, price_micros, kUnit, core::Rounding::down);
  o.maker_amount = side == Side::buy ? cost : size_micros;
  o.taker_amount = side == Side::buy ? size_micros : cost;
  ++next_hash;
  r.order.hash.bytes[0] = 0x0d;
  r.order.hash.bytes[28] = static_cast<std::uint8_t>(next_hash >> 24);
  r.order.hash.bytes[29] = static_cast<std::uint8_t>(next_hash >> 16);
  r.order.hash.bytes[30] = static_cast<std::uint8_t>(next_hash >> 8);
  r.order.hash.bytes[31] = static_cast<std::uint8_t>(next_hash);
  r.order_type = type;
  r.owner = user.owner;
  r.signed_by = user.wallet;
  return r;
}

class VenueTest : public ::testing::Test {
 protected:
  explicit VenueTest(Scenario scenario = small_scenario())
      : clock_(core::from_unix_ms(kStartMs)),
        venue_(std::make_unique<Venue>(std::move(scenario), clock_)) {
    venue_->subscribe([this](const VenueEvent& e) { events_.push_back(e); });
  }

  Venue& venue() { return *venue_; }
  void advance_by(std::chrono::milliseconds d) {
    clock_.advance(d);
    venue_->advance();
  }
  template <class T>
  std::vector<T> events_of() const {
    std::vector<T> out;
    for (const auto& e : events_)
      if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
    return out;
  }
  PlaceResult place(const User& user, chain::Uint256 token, Side side, std::int64_t price_micros,
                    std::int64_t size_micros, OrderType type = OrderType::gtc) {
    return venue_->place(order_request(user, token, side, price_micros, size_micros, type));
  }
  std::int64_t level(chain::Uint256 token, Side side, std::int64_t price_micros) {
    const auto book = venue_->book(token);
    for (const auto& l : side == Side::buy ? book->bids : book->asks)
      if (l.price.micros() == price_micros) return l.size.micros();
    return 0;
  }

  core::ManualClock clock_;
  std::unique_ptr<Venue> venue_;
  std::vector<VenueEvent> events_;
};

}  // namespace polycopy::sim::venue_test
