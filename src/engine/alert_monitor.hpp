#pragma once
// Runs the alert rules (engine/alert_rules) over the store's facts and raises what they find;
// the store skips an episode already raised, so running it every minute alerts once.
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "engine/alert_rules.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

class AlertMonitor {
 public:
  AlertMonitor(store::Store& store, const core::Clock& clock, AlertRuleSettings settings = {});

  // {"raised": n, "codes": [...]} or {"error": ...}; never throws.
  nlohmann::json run_once();

 private:
  store::Store& store_;
  const core::Clock& clock_;
  AlertRuleSettings settings_;
};

}  // namespace polycopy::engine
