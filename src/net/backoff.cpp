#include "net/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <random>

namespace polycopy::net {

std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int retry, double uniform) {
  const double initial = static_cast<double>(std::max<std::int64_t>(0, policy.initial.count()));
  const double cap = static_cast<double>(std::max<std::int64_t>(0, policy.max.count()));
  const double multiplier = std::max(1.0, policy.multiplier);
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  const double u = std::clamp(uniform, 0.0, 1.0);
  // pow overflows to inf for huge retry counts; min() then caps it.
  const double raw = initial * std::pow(multiplier, std::max(0, retry - 1));
  const double delay = std::min(cap, raw);
  const double jittered = delay * (1.0 - jitter) + u * delay * jitter;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(jittered)));
}

struct Jitter::Impl {
  std::mutex mutex;
  std::mt19937_64 engine;
};

Jitter::Jitter(std::uint64_t seed) : impl_(std::make_unique<Impl>()) {
  if (seed == 0) {
    std::random_device device;
    seed = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  }
  impl_->engine.seed(seed);
}

Jitter::~Jitter() = default;

double Jitter::uniform() {
  std::lock_guard lock(impl_->mutex);
  return std::uniform_real_distribution<double>(0.0, 1.0)(impl_->engine);
}

}  // namespace polycopy::net
