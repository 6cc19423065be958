#pragma once
// Typed, path-aware reads from one JSON object. Each read throws core::Failure with a reason
// code and the field's path ("data[2].price"); the parse entry points catch it and return a
// Result, so a parser reads like a list of fields instead of a ladder of error checks.
// Keys are given as alias lists because v1 (camelCase) and v2 (snake_case) name fields apart.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "core/money.hpp"
#include "polymarket/parse/json_tree.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket::parse {

using Keys = std::initializer_list<std::string_view>;

// exact: more than 6 decimals is "too_precise" (CLOB strings come from 6-decimal amounts).
// nearest: numbers the venue computes in floating point (Data API, Gamma statistics) are
// rounded half away from zero to 6 decimals; the text is still read exactly, never as double.
enum class Precision { exact, nearest };

[[noreturn]] void fail(std::string code, const std::string& path, const std::string& what);

// Requires an object; "wrong_type" otherwise.
const JsonNode& expect_object(const JsonNode& node, const std::string& path);
const JsonNode& expect_array(const JsonNode& node, const std::string& path);

class Fields {
 public:
  Fields(const JsonNode& node, std::string path);  // throws wrong_type unless an object

  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const;
  // The first key present and not null, or nullptr.
  const JsonNode* find(Keys keys) const;
  bool has(Keys keys) const { return find(keys) != nullptr; }

  // Strings. Numbers are accepted where ids are sometimes sent as numbers (Gamma "id").
  std::string str(Keys keys) const;
  std::optional<std::string> opt_str(Keys keys) const;
  std::string id(Keys keys) const;
  std::optional<std::string> opt_id(Keys keys) const;  // "" -> nullopt

  // Token id: decimal uint256. Missing/empty/malformed: "missing_field"/"invalid_token_id".
  chain::Uint256 token_id(Keys keys) const;
  std::optional<chain::Uint256> opt_token_id(Keys keys) const;  // missing, null, "" -> nullopt
  // Condition id / other bytes32: "0x" + 64 hex. "invalid_condition_id" / "invalid_bytes32".
  chain::Bytes32 condition_id(Keys keys) const;
  std::optional<chain::Bytes32> opt_condition_id(Keys keys) const;  // "" -> nullopt
  std::optional<chain::Bytes32> opt_bytes32(Keys keys) const;       // "" -> nullopt
  // Addresses: EIP-55 checked when mixed case. "invalid_address".
  chain::Address address(Keys keys) const;
  std::optional<chain::Address> opt_address(Keys keys) const;  // "" -> nullopt

  TradeSide side(Keys keys) const;                     // "invalid_side"
  std::optional<TradeSide> opt_side(Keys keys) const;  // "" -> nullopt

  core::Price price(Keys keys, Precision precision) const;
  std::optional<core::Price> opt_price(Keys keys, Precision precision) const;  // "" -> nullopt
  core::Shares size(Keys keys, Precision precision) const;  // >= 0, else "negative_size"
  std::optional<core::Shares> opt_size(Keys keys, Precision precision) const;
  core::Usd usd(Keys keys, Precision precision) const;  // may be negative (PnL)
  std::optional<core::Usd> opt_usd(Keys keys, Precision precision) const;
  std::optional<Amount> opt_amount(Keys keys, Precision precision) const;  // "" -> nullopt
  std::optional<core::Ratio> opt_ratio(Keys keys) const;                   // rounded

  // Integers from a number or a numeric string. "invalid_integer".
  std::int64_t integer(Keys keys) const;
  std::optional<std::int64_t> opt_integer(Keys keys) const;  // "" -> nullopt
  // Unix timestamps; a seconds field holding milliseconds (or the reverse) is refused,
  // so a unit mix-up cannot shift a time by 1000x. "invalid_timestamp".
  std::int64_t seconds(Keys keys) const;
  std::optional<std::int64_t> opt_seconds(Keys keys) const;
  std::int64_t millis(Keys keys) const;
  std::optional<std::int64_t> opt_millis(Keys keys) const;
  // ISO-8601 date or date-time to Unix seconds; "" -> nullopt. "invalid_timestamp".
  std::optional<std::int64_t> opt_iso_seconds(Keys keys) const;

  bool boolean(Keys keys) const;  // "true"/"false" strings accepted
  std::optional<bool> opt_bool(Keys keys) const;

  // A list of strings, sent either as a JSON array or as a string holding a JSON array
  // (Gamma's "clobTokenIds"). "invalid_embedded_json" when the inner text is not one.
  std::optional<std::vector<std::string>> opt_string_list(Keys keys) const;

 private:
  const JsonNode& require(Keys keys) const;
  std::string path_of(Keys keys) const;
  std::string scalar_text(const JsonNode& node, Keys keys) const;

  const JsonNode* node_;
  std::string path_;
};

// Shared checks on already-read text, for lists of token ids and prices.
chain::Uint256 token_id_from_text(std::string_view text, const std::string& path);
core::Price price_from_text(std::string_view text, Precision precision, const std::string& path);

}  // namespace polycopy::polymarket::parse
