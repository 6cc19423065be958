#include "net/sleeper.hpp"

#include <thread>

namespace polycopy::net {

void RealSleeper::sleep_for(std::chrono::milliseconds duration) {
  if (duration.count() > 0) std::this_thread::sleep_for(duration);
}

}  // namespace polycopy::net
