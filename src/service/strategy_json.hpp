#pragma once
// The one place where strategy records and their JSON form meet. Money, prices and ratios
// are rendered as exact decimal strings and accepted as strings or JSON numbers; optional
// fields render as null when unset, and null clears them on input.
#include <nlohmann/json_fwd.hpp>

#include "core/error.hpp"
#include "store/records.hpp"

namespace polycopy::service {

nlohmann::json to_json(const store::FtStrategy& strategy);
nlohmann::json to_json(const store::LtStrategy& strategy);

// Applies the fields present in `object` onto `params` (a partial update). Errors:
// "wrong_type" (not an object, or a field of the wrong JSON type), "unknown_field",
// "field_read_only" (id, paused, ...), "invalid_enum", and the decimal errors of
// core/json_money.hpp ("invalid_decimal", "too_precise", "overflow", "price_out_of_range"),
// each message naming the field. Range rules live in strategy/params_validation.hpp.
core::Status apply_json(const nlohmann::json& object, store::FtStrategyParams& params);
core::Status apply_json(const nlohmann::json& object, store::LtStrategyParams& params);

}  // namespace polycopy::service
