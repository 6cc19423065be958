#pragma once
// What the report services (FT and LT) share: reading a report's query-string parameters
// and its paging ("invalid_query" for anything but the documented names and bounds).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace polycopy::service {

inline constexpr std::int64_t kDefaultReportLimit = 100;
inline constexpr std::int64_t kMaxReportLimit = 1000;

inline core::Error invalid_query(std::string message) {
  return core::Error{"invalid_query", std::move(message)};
}

using QueryParams = std::map<std::string, std::string, std::less<>>;

// The query-string pairs by name; a name outside `allowed`, or given twice, is an
// "invalid_query" error naming the parameters the report takes.
inline core::Result<QueryParams> read_query_params(
    const std::vector<std::pair<std::string, std::string>>& pairs,
    const std::vector<std::string_view>& allowed) {
  QueryParams params;
  for (const auto& [name, value] : pairs) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string names;
      for (const auto a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      return invalid_query(
          "unknown query parameter " + name +
          (names.empty() ? " (this report takes none)" : " (this report takes " + names + ")"));
    }
    if (!params.emplace(name, value).second)
      return invalid_query("query parameter " + name + " is given more than once");
  }
  return params;
}

// The parameter's value, if given.
inline std::optional<std::string> query_param(const QueryParams& params, std::string_view name) {
  const auto found = params.find(name);
  if (found == params.end()) return std::nullopt;
  return found->second;
}

// A non-negative decimal integer (digits only, no sign), or nullopt.
inline std::optional<std::int64_t> parse_count(std::string_view text) {
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A limit of 1..kMaxReportLimit, or the default when not given.
inline core::Result<std::int64_t> read_limit(const std::optional<std::string>& text) {
  if (!text) return kDefaultReportLimit;
  const auto limit = parse_count(*text);
  if (!limit || *limit < 1 || *limit > kMaxReportLimit)
    return invalid_query("limit must be an integer from 1 to " + std::to_string(kMaxReportLimit) +
                         ", got \"" + *text + "\"");
  return *limit;
}

// Reads the query's limit and offset (optional strings) into any type with those members.
template <class Query, class Out>
core::Status read_paging(const Query& query, Out& out) {
  out.offset = 0;
  const auto limit = read_limit(query.limit);
  if (!limit) return limit.error();
  out.limit = *limit;
  if (query.offset) {
    const auto offset = parse_count(*query.offset);
    if (!offset)
      return invalid_query("offset must be an integer >= 0, got \"" + *query.offset + "\"");
    out.offset = *offset;
  }
  return {};
}

}  // namespace polycopy::service
