#include "strategy/prepared_strategy.hpp"

#include <algorithm>
#include <cctype>

namespace polycopy::strategy {
namespace {

IdSet lower_cased(std::vector<std::string> addresses) {
  for (std::string& address : addresses)
    std::transform(address.begin(), address.end(), address.begin(), [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
  return IdSet(std::move(addresses));
}

}  // namespace

PreparedStrategy::PreparedStrategy(store::FtStrategyParams params)
    : params_(std::move(params)),
      target_traders_(lower_cased(params_.target_traders)),
      categories_(params_.categories) {}

}  // namespace polycopy::strategy
