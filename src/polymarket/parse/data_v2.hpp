#pragma once
// Data API payloads with no struct in types.hpp: GET /value rows and GET /v2/resolutions rows
// (protocol doc section 4; fixtures other/nb_data_value_rn1.json,
// other/polyoxide_v2_resolution_resolved.json).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "polymarket/parse/json_tree.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket::parse {

// GET /value?user= element: the user's open positions valued in USDC.
struct DataValue {
  Address user;
  core::Usd value;
};

// GET /v2/resolutions element.
struct DataResolution {
  Bytes32 condition_id;
  std::string status;                  // "resolved", ...
  std::vector<std::uint64_t> payouts;  // per outcome, e.g. [1000000, 0]
  std::optional<std::int64_t> resolved_block, resolved_at_s, last_update_s;
  std::optional<std::string> resolution_source;
  std::optional<bool> was_disputed, was_arbitrated;
  std::optional<Bytes32> transaction_hash;  // "" -> nullopt
};

DataValue parse_data_value(const JsonNode& node, const std::string& path);
DataResolution parse_data_resolution(const JsonNode& node, const std::string& path);

}  // namespace polycopy::polymarket::parse
