#pragma once
// Validation of strategy parameters: pure functions, no I/O. Each refusal carries a specific
// reason code and a message naming the field. On success the params come back normalised
// (addresses lower-cased, duplicates dropped, names trimmed).
#include "core/error.hpp"
#include "store/records.hpp"

namespace polycopy::strategy {

inline constexpr std::size_t kMaxNameChars = 100;
inline constexpr std::size_t kMaxDescriptionChars = 2000;
inline constexpr std::size_t kMaxListEntries = 500;
inline constexpr std::int64_t kMinOrderExpirySeconds = 10;
inline constexpr std::int64_t kMaxOrderExpirySeconds = 86'400;

core::Result<store::FtStrategyParams> validate_ft_params(store::FtStrategyParams params);
core::Result<store::LtStrategyParams> validate_lt_params(store::LtStrategyParams params);
core::Status validate_risk_rules(const store::RiskRules& risk);

// Lower-cased "0x" + 40 hex digits, or an "invalid_address" error naming the field.
core::Result<std::string> normalize_address(std::string_view text, std::string_view field);

}  // namespace polycopy::strategy
