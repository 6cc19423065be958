#pragma once
// Optional values as the API writes them: the value, or null. Fixed-point money, prices and
// ratios go out as decimal strings (exact), counts as numbers.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace polycopy::service {

inline nlohmann::json text_or_null(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

inline nlohmann::json count_or_null(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

template <class T>
nlohmann::json decimal_or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(value->to_string()) : nlohmann::json(nullptr);
}

}  // namespace polycopy::service
