#include "notify/severity.hpp"

namespace polycopy::notify {

std::optional<int> severity_rank(std::string_view severity) {
  if (severity == "info") return 0;
  if (severity == "warning") return 1;
  if (severity == "critical") return 2;
  return std::nullopt;
}

bool meets_min_severity(std::string_view severity, std::string_view min_severity) {
  const auto rank = severity_rank(severity);
  const auto floor = severity_rank(min_severity);
  return rank && floor && *rank >= *floor;
}

}  // namespace polycopy::notify
