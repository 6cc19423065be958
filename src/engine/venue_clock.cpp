#include "engine/venue_clock.hpp"

namespace polycopy::engine {

VenueClock::VenueClock(const polymarket::ClobPublicClient& clob, const core::Clock& local)
    : clob_(clob), local_(local) {}

core::Result<core::Timestamp> VenueClock::sync() {
  auto seconds = clob_.server_time();
  if (!seconds) return seconds.error();
  offset_ms_.store(*seconds * 1000 - core::to_unix_ms(local_.now()));
  return core::from_unix_ms(*seconds * 1000);
}

core::Timestamp VenueClock::now() const {
  return core::from_unix_ms(core::to_unix_ms(local_.now()) + offset_ms_.load());
}

}  // namespace polycopy::engine
