#pragma once
// Query strings for the venue's REST APIs: percent-encoded values, repeated keys for list
// filters (Gamma's condition_ids=a&condition_ids=b), unset optionals left out.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycopy::polymarket {

// RFC 3986 unreserved characters kept, everything else %XX.
std::string url_encode(std::string_view text);

class Query {
 public:
  Query& add(std::string_view key, std::string_view value);
  Query& add_int(std::string_view key, std::int64_t value);
  Query& add_bool(std::string_view key, bool value);
  // Unset optionals add nothing.
  Query& add_opt(std::string_view key, const std::optional<std::string>& value);
  Query& add_opt_int(std::string_view key, const std::optional<std::int64_t>& value);
  Query& add_opt_bool(std::string_view key, const std::optional<bool>& value);
  Query& add_each(std::string_view key, const std::vector<std::string>& values);

  bool empty() const { return text_.empty(); }
  // "" or "?k=v&k2=v2".
  std::string str() const { return text_.empty() ? std::string() : "?" + text_; }
  // path + str().
  std::string with_path(std::string_view path) const { return std::string(path) + str(); }

 private:
  std::string text_;
};

}  // namespace polycopy::polymarket
