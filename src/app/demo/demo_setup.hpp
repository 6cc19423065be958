#pragma once
// The demo's cast, created in a fresh store: a user with an API key, a wallet with a random
// key (sealed with a random wallet key), an FT strategy following some of the simulated
// traders, and its LT twin with risk rules tight enough that the default scenario shows a
// budget refusal and a circuit-breaker trip.
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/secret_box.hpp"
#include "sim/scenario/scenario.hpp"
#include "store/store.hpp"

namespace polycopy::app {

struct DemoCast {
  std::string user_id;
  std::string api_key;  // plaintext, shown only with --keep
  std::string wallet_id;
  std::string ft_id;
  std::string lt_id;
};

core::Result<DemoCast> create_demo_cast(store::Store& store, const core::Clock& clock,
                                        const core::SecretBox& wallet_key,
                                        const sim::Scenario& scenario);

}  // namespace polycopy::app
