#pragma once
// Splits an HTTP request target ("/a/b?x=1&y=%20") into a percent-decoded path and query
// parameters. Only origin-form targets (starting with "/") are accepted.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace polycopy::service {

struct RequestTarget {
  std::string path;
  std::map<std::string, std::string> query;  // a repeated name keeps its last value
  std::vector<std::pair<std::string, std::string>> query_pairs;  // every pair, in order
};

// Error "bad_request" for a target that is not origin-form or has a malformed %-escape.
core::Result<RequestTarget> parse_request_target(std::string_view target);
// Decodes %XX escapes (and '+' as space when plus_is_space); nullopt when malformed.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace polycopy::service
