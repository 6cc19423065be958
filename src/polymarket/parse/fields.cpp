#include "polymarket/parse/fields.hpp"

#include <charconv>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "polymarket/parse/iso_time.hpp"

namespace polycopy::polymarket::parse {
namespace {

// Seconds below 10^11 (year 5138) and milliseconds at or above it (after 1973-03-03).
constexpr std::int64_t kSecondsMillisSplit = 100'000'000'000;

bool is_empty_string(const JsonNode& n) {
  return n.is_string() && n.text.empty();
}

std::optional<std::int64_t> to_int64(std::string_view text) {
  std::int64_t value = 0;
  if (text.empty()) return std::nullopt;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

template <class T>
T money_or_fail(core::Result<T> r, const std::string& path) {
  if (!r) fail(r.error().code, path, r.error().message);
  return *r;
}

std::int64_t micros_from_text(std::string_view text, Precision precision, const std::string& p) {
  auto r = precision == Precision::exact ? core::parse_micros(text)
                                         : core::parse_micros(text, core::Rounding::nearest);
  return money_or_fail(std::move(r), p);
}

}  // namespace

const char* to_string(TradeSide side) {
  return side == TradeSide::buy ? "BUY" : "SELL";
}

void fail(std::string code, const std::string& path, const std::string& what) {
  throw core::Failure(std::move(code), path.empty() ? what : path + ": " + what);
}

const JsonNode& expect_object(const JsonNode& node, const std::string& path) {
  if (!node.is_object())
    fail("wrong_type", path, std::string("expected an object, got ") + type_name(node.type));
  return node;
}

const JsonNode& expect_array(const JsonNode& node, const std::string& path) {
  if (!node.is_array())
    fail("wrong_type", path, std::string("expected an array, got ") + type_name(node.type));
  return node;
}

chain::Uint256 token_id_from_text(std::string_view text, const std::string& path) {
  if (text.empty()) fail("invalid_token_id", path, "token id is empty");
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    fail("invalid_token_id", path, "token id must be decimal, not hex");
  auto r = chain::Uint256::parse_decimal(text);
  if (!r) fail("invalid_token_id", path, "token id is not a decimal uint256");
  return *r;
}

core::Price price_from_text(std::string_view text, Precision precision, const std::string& path) {
  const auto micros = micros_from_text(text, precision, path);
  return money_or_fail(core::Price::from_micros(micros), path);
}

Fields::Fields(const JsonNode& node, std::string path) : node_(&node), path_(std::move(path)) {
  expect_object(node, path_);
}

std::string Fields::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::string Fields::path_of(Keys keys) const {
  for (auto key : keys)
    if (node_->find(key)) return path_of(key);
  return path_of(*keys.begin());
}

const JsonNode* Fields::find(Keys keys) const {
  for (auto key : keys) {
    const JsonNode* n = node_->find(key);
    if (n && !n->is_null()) return n;
  }
  return nullptr;
}

const JsonNode& Fields::require(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n) fail("missing_field", path_of(*keys.begin()), "required field is missing");
  return *n;
}

std::string Fields::scalar_text(const JsonNode& node, Keys keys) const {
  if (node.is_string() || node.is_number()) return node.text;
  fail("wrong_type", path_of(keys),
       std::string("expected a string or number, got ") + type_name(node.type));
}

std::string Fields::str(Keys keys) const {
  const JsonNode& n = require(keys);
  if (!n.is_string())
    fail("wrong_type", path_of(keys), std::string("expected a string, got ") + type_name(n.type));
  return n.text;
}

std::optional<std::string> Fields::opt_str(Keys keys) const {
  if (!find(keys)) return std::nullopt;
  return str(keys);
}

std::string Fields::id(Keys keys) const {
  return scalar_text(require(keys), keys);
}

std::optional<std::string> Fields::opt_id(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return scalar_text(*n, keys);
}

chain::Uint256 Fields::token_id(Keys keys) const {
  return token_id_from_text(scalar_text(require(keys), keys), path_of(keys));
}

std::optional<chain::Uint256> Fields::opt_token_id(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return token_id(keys);
}

chain::Bytes32 Fields::condition_id(Keys keys) const {
  const std::string text = str(keys);
  if (text.size() != 66 || text[0] != '0' || text[1] != 'x')
    fail("invalid_condition_id", path_of(keys), "expected 0x and 64 hex digits");
  auto r = chain::parse_bytes32(text);
  if (!r) fail("invalid_condition_id", path_of(keys), "expected 0x and 64 hex digits");
  return *r;
}

std::optional<chain::Bytes32> Fields::opt_condition_id(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return condition_id(keys);
}

std::optional<chain::Bytes32> Fields::opt_bytes32(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  const std::string text = str(keys);
  auto r = text.size() == 66 && text[1] == 'x' ? chain::parse_bytes32(text)
                                               : core::Result<chain::Bytes32>(core::Error{});
  if (!r) fail("invalid_bytes32", path_of(keys), "expected 0x and 64 hex digits");
  return *r;
}

chain::Address Fields::address(Keys keys) const {
  auto r = chain::parse_address(str(keys));
  if (!r) fail("invalid_address", path_of(keys), r.error().message);
  return *r;
}

std::optional<chain::Address> Fields::opt_address(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return address(keys);
}

TradeSide Fields::side(Keys keys) const {
  const std::string text = str(keys);
  if (text == "BUY" || text == "buy" || text == "Buy") return TradeSide::buy;
  if (text == "SELL" || text == "sell" || text == "Sell") return TradeSide::sell;
  fail("invalid_side", path_of(keys), "side must be BUY or SELL");
}

std::optional<TradeSide> Fields::opt_side(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return side(keys);
}

core::Price Fields::price(Keys keys, Precision precision) const {
  return price_from_text(scalar_text(require(keys), keys), precision, path_of(keys));
}

std::optional<core::Price> Fields::opt_price(Keys keys, Precision precision) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return price(keys, precision);
}

core::Shares Fields::size(Keys keys, Precision precision) const {
  const auto micros = micros_from_text(scalar_text(require(keys), keys), precision, path_of(keys));
  if (micros < 0) fail("negative_size", path_of(keys), "size must not be negative");
  return core::Shares::from_micros(micros);
}

std::optional<core::Shares> Fields::opt_size(Keys keys, Precision precision) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return size(keys, precision);
}

core::Usd Fields::usd(Keys keys, Precision precision) const {
  return core::Usd::from_micros(
      micros_from_text(scalar_text(require(keys), keys), precision, path_of(keys)));
}

std::optional<core::Usd> Fields::opt_usd(Keys keys, Precision precision) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return usd(keys, precision);
}

std::optional<Amount> Fields::opt_amount(Keys keys, Precision precision) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return Amount::from_micros(micros_from_text(scalar_text(*n, keys), precision, path_of(keys)));
}

std::optional<core::Ratio> Fields::opt_ratio(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return core::Ratio::from_micros(
      micros_from_text(scalar_text(*n, keys), Precision::nearest, path_of(keys)));
}

std::int64_t Fields::integer(Keys keys) const {
  const auto text = scalar_text(require(keys), keys);
  const auto value = to_int64(text);
  if (!value) fail("invalid_integer", path_of(keys), "expected an integer");
  return *value;
}

std::optional<std::int64_t> Fields::opt_integer(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return integer(keys);
}

std::int64_t Fields::seconds(Keys keys) const {
  const auto text = scalar_text(require(keys), keys);
  const auto value = to_int64(text);
  if (!value || *value < 0 || *value >= kSecondsMillisSplit)
    fail("invalid_timestamp", path_of(keys), "expected Unix seconds");
  return *value;
}

std::optional<std::int64_t> Fields::opt_seconds(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return seconds(keys);
}

std::int64_t Fields::millis(Keys keys) const {
  const auto text = scalar_text(require(keys), keys);
  const auto value = to_int64(text);
  if (!value || *value < kSecondsMillisSplit)
    fail("invalid_timestamp", path_of(keys), "expected Unix milliseconds");
  return *value;
}

std::optional<std::int64_t> Fields::opt_millis(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  return millis(keys);
}

std::optional<std::int64_t> Fields::opt_iso_seconds(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n || is_empty_string(*n)) return std::nullopt;
  const auto value = parse_iso_seconds(str(keys));
  if (!value) fail("invalid_timestamp", path_of(keys), "expected an ISO-8601 date");
  return value;
}

bool Fields::boolean(Keys keys) const {
  const JsonNode& n = require(keys);
  if (n.type == JsonNode::Type::boolean) return n.boolean;
  if (n.is_string() && n.text == "true") return true;
  if (n.is_string() && n.text == "false") return false;
  fail("wrong_type", path_of(keys), std::string("expected a boolean, got ") + type_name(n.type));
}

std::optional<bool> Fields::opt_bool(Keys keys) const {
  if (!find(keys)) return std::nullopt;
  return boolean(keys);
}

std::optional<std::vector<std::string>> Fields::opt_string_list(Keys keys) const {
  const JsonNode* n = find(keys);
  if (!n) return std::nullopt;
  const std::string path = path_of(keys);
  JsonNode inner_storage;
  const JsonNode* list = n;
  if (n->is_string()) {
    auto inner = parse_json(n->text);
    if (!inner) fail("invalid_embedded_json", path, "string does not hold a JSON array");
    inner_storage = std::move(*inner);
    list = &inner_storage;
  }
  if (!list->is_array()) fail("wrong_type", path, "expected a list of strings");
  std::vector<std::string> out;
  out.reserve(list->items.size());
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const auto& item = list->items[i];
    if (!item.is_string() && !item.is_number())
      fail("wrong_type", path + "[" + std::to_string(i) + "]", "expected a string");
    out.push_back(item.text);
  }
  return out;
}

}  // namespace polycopy::polymarket::parse
