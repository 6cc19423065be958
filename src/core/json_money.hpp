#pragma once
// Exact conversion between JSON values (decimal strings or numbers) and fixed-point money.
#include <nlohmann/json_fwd.hpp>

#include "core/money.hpp"

namespace polycopy::core {

// Accepts a JSON string ("0.55", "1e-3") or number (0.55, 3, 1e-3). A JSON number is read
// through its shortest round-trip decimal form, so 0.55 is exactly 0.55.
// Errors: "wrong_type" (not a string or number), plus those of parse_micros.
Result<std::int64_t> micros_from_json(const nlohmann::json& value);
Result<Usd> usd_from_json(const nlohmann::json& value);
Result<Shares> shares_from_json(const nlohmann::json& value);
Result<Price> price_from_json(const nlohmann::json& value);

}  // namespace polycopy::core
