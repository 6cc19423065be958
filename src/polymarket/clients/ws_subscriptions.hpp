#pragma once
// The websocket subscription frames, byte for byte as protocol doc section 9 shows them
// (key order kept). The user frame carries the API secret: never log it.
#include <optional>
#include <string>
#include <vector>

#include "polymarket/auth/l2_auth.hpp"

namespace polycopy::polymarket {

// {"assets_ids":[...],"type":"market","custom_feature_enabled":true}
// (+ "initial_dump":bool when set).
std::string market_subscription(const std::vector<std::string>& asset_ids,
                                bool custom_feature_enabled = true,
                                std::optional<bool> initial_dump = std::nullopt);
// {"assets_ids":[...],"operation":"subscribe"|"unsubscribe"}
std::string market_operation(const std::vector<std::string>& asset_ids, bool subscribe);

// {"auth":{"apiKey":..,"secret":..,"passphrase":..},"markets":[...],"type":"user"}
std::string user_subscription(const ApiCredentials& credentials,
                              const std::vector<std::string>& condition_ids);
// {"markets":[...],"operation":"subscribe"|"unsubscribe"}
std::string user_operation(const std::vector<std::string>& condition_ids, bool subscribe);

}  // namespace polycopy::polymarket
