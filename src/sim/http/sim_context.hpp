#pragma once
// What every simulator route reaches: the venue, its clock, the API keys, the faults, and
// the helpers that speak Polymarket's error shape and auth.
#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "service/http_types.hpp"
#include "service/router.hpp"
#include "sim/clock/sim_clock.hpp"
#include "sim/http/api_keys.hpp"
#include "sim/http/faults.hpp"
#include "sim/venue/venue.hpp"

namespace polycopy::sim {

struct SimContext {
  Venue& venue;
  SimClock& clock;
  const core::Clock& wall;  // auth timestamps are checked against real time too
  ApiKeys& keys;
  Faults& faults;
  std::uint64_t chain_id = 137;
  std::int64_t auth_max_skew_s = 300;
};

// {"error": text}: the only error shape the venue uses (protocol doc 6).
service::HttpResponse venue_error(int status, std::string text);
// The API key a request's L2 headers prove, or the 401 to answer.
core::Result<ApiKeyRecord> authenticate_l2(const service::HttpRequest& request, SimContext& ctx);

void add_clob_public_routes(service::Router& router, SimContext& ctx);
void add_clob_auth_routes(service::Router& router, SimContext& ctx);
void add_clob_order_routes(service::Router& router, SimContext& ctx);
void add_gamma_routes(service::Router& router, SimContext& ctx);
void add_data_routes(service::Router& router, SimContext& ctx);
void add_control_routes(service::Router& router, SimContext& ctx);

}  // namespace polycopy::sim
