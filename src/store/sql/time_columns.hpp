#pragma once
// Time columns: BIGINT Unix milliseconds, NULL for an absent optional instant.
#include <cstdint>
#include <optional>

#include "core/clock.hpp"
#include "store/sql/value.hpp"

namespace polycopy::store::sql {

inline Value optional_time_value(const std::optional<core::Timestamp>& at) {
  if (!at) return {};
  return core::to_unix_ms(*at);
}

inline std::optional<core::Timestamp> optional_time(std::optional<std::int64_t> ms) {
  if (!ms) return std::nullopt;
  return core::from_unix_ms(*ms);
}

}  // namespace polycopy::store::sql
