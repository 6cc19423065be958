#pragma once
// The venue's time, for running against a venue whose clock is not the machine's (the
// simulator runs in simulated time): the local clock plus the offset measured by sync().
#include <atomic>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "polymarket/clients/clob_public_client.hpp"

namespace polycopy::engine {

class VenueClock final : public core::Clock {
 public:
  VenueClock(const polymarket::ClobPublicClient& clob, const core::Clock& local);

  // Reads GET /time (whole seconds), keeps the offset to the local clock and returns the
  // venue's time as read.
  core::Result<core::Timestamp> sync();
  core::Timestamp now() const override;

 private:
  const polymarket::ClobPublicClient& clob_;
  const core::Clock& local_;
  std::atomic<std::int64_t> offset_ms_{0};
};

}  // namespace polycopy::engine
