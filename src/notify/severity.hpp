#pragma once
// Alert severities in order (info < warning < critical), so the dispatcher can send a notice
// only to the channels whose min_severity it reaches.
#include <optional>
#include <string_view>

namespace polycopy::notify {

// 0 info, 1 warning, 2 critical; nullopt for anything else.
std::optional<int> severity_rank(std::string_view severity);

// Whether a notice of `severity` goes to a channel configured with `min_severity`. Unknown
// severities never pass (a typo must not silence or flood a channel unnoticed: the factory
// refuses unknown min_severity values).
bool meets_min_severity(std::string_view severity, std::string_view min_severity);

}  // namespace polycopy::notify
