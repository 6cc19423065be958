#pragma once
// An exact JSON tree built with simdjson On-Demand. Numbers keep their source text, so money
// is parsed from the digits the venue sent, never through a double.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace polycopy::polymarket::parse {

struct JsonNode {
  enum class Type : unsigned char { null, boolean, number, string, array, object };

  Type type = Type::null;
  bool boolean = false;
  std::string text;                                       // string value or number token
  std::vector<JsonNode> items;                            // array elements
  std::vector<std::pair<std::string, JsonNode>> members;  // object members, in order

  bool is_null() const { return type == Type::null; }
  bool is_object() const { return type == Type::object; }
  bool is_array() const { return type == Type::array; }
  bool is_string() const { return type == Type::string; }
  bool is_number() const { return type == Type::number; }
  // First member with this key, or nullptr (also for non-objects).
  const JsonNode* find(std::string_view key) const;
};

const char* type_name(JsonNode::Type type);

// Nesting deeper than this is refused ("too_deep"): real payloads nest 5 levels at most.
inline constexpr int kMaxJsonDepth = 64;

// Errors: "empty_payload", "invalid_json" (syntax, truncation, trailing content),
// "invalid_utf8", "too_deep".
core::Result<JsonNode> parse_json(std::string_view text);

// True when text is a JSON number token (RFC 8259 grammar).
bool is_json_number(std::string_view text);

}  // namespace polycopy::polymarket::parse
