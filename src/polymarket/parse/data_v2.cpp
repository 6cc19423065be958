// GET /value and GET /v2/resolutions rows. Amounts are venue floats rounded to 6 decimals
// from their exact text; payouts are integers and must be sent as such.
#include "polymarket/parse/data_v2.hpp"

#include <charconv>

#include "polymarket/parse/fields.hpp"

namespace polycopy::polymarket::parse {
namespace {

std::uint64_t payout(const JsonNode& node, const std::string& path) {
  std::uint64_t value = 0;
  const char* end = node.text.data() + node.text.size();
  auto [ptr, ec] = std::from_chars(node.text.data(), end, value);
  if (!node.is_number() || ec != std::errc() || ptr != end)
    fail("invalid_integer", path, "expected a non-negative integer payout");
  return value;
}

}  // namespace

DataValue parse_data_value(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  DataValue v;
  v.user = f.address({"user"});
  v.value = f.usd({"value"}, Precision::nearest);
  return v;
}

DataResolution parse_data_resolution(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  DataResolution r;
  r.condition_id = f.condition_id({"condition_id", "conditionId"});
  r.status = f.str({"status"});
  if (const JsonNode* list = f.find({"payouts"})) {
    const std::string list_path = f.path_of("payouts");
    expect_array(*list, list_path);
    for (std::size_t i = 0; i < list->items.size(); ++i)
      r.payouts.push_back(payout(list->items[i], list_path + "[" + std::to_string(i) + "]"));
  }
  r.resolved_block = f.opt_integer({"resolved_block"});
  r.resolved_at_s = f.opt_iso_seconds({"resolved_at"});
  r.last_update_s = f.opt_iso_seconds({"last_update_timestamp"});
  r.resolution_source = f.opt_str({"resolution_source"});
  r.was_disputed = f.opt_bool({"was_disputed"});
  r.was_arbitrated = f.opt_bool({"was_arbitrated"});
  r.transaction_hash = f.opt_bytes32({"transaction_hash"});
  return r;
}

}  // namespace polycopy::polymarket::parse
