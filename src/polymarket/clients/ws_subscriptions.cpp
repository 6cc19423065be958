#include "polymarket/clients/ws_subscriptions.hpp"

#include <nlohmann/json.hpp>

namespace polycopy::polymarket {

using Json = nlohmann::ordered_json;

std::string market_subscription(const std::vector<std::string>& asset_ids,
                                bool custom_feature_enabled, std::optional<bool> initial_dump) {
  Json j;
  j["assets_ids"] = asset_ids;
  j["type"] = "market";
  j["custom_feature_enabled"] = custom_feature_enabled;
  if (initial_dump) j["initial_dump"] = *initial_dump;
  return j.dump();
}

std::string market_operation(const std::vector<std::string>& asset_ids, bool subscribe) {
  Json j;
  j["assets_ids"] = asset_ids;
  j["operation"] = subscribe ? "subscribe" : "unsubscribe";
  return j.dump();
}

std::string user_subscription(const ApiCredentials& credentials,
                              const std::vector<std::string>& condition_ids) {
  Json auth;
  auth["apiKey"] = credentials.key;
  auth["secret"] = credentials.secret;
  auth["passphrase"] = credentials.passphrase;
  Json j;
  j["auth"] = std::move(auth);
  j["markets"] = condition_ids;
  j["type"] = "user";
  return j.dump();
}

std::string user_operation(const std::vector<std::string>& condition_ids, bool subscribe) {
  Json j;
  j["markets"] = condition_ids;
  j["operation"] = subscribe ? "subscribe" : "unsubscribe";
  return j.dump();
}

}  // namespace polycopy::polymarket
