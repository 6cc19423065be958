// simdjson On-Demand is forward-only; walking every value once into a small tree gives random
// access by key (payloads arrive in any key order) while keeping number tokens verbatim.
#include "polymarket/parse/json_tree.hpp"

#include <simdjson.h>

namespace polycopy::polymarket::parse {
namespace {

namespace od = simdjson::ondemand;

struct BuildError {
  simdjson::error_code code = simdjson::SUCCESS;
  bool too_deep = false;
  bool bad_number = false;
};

std::string_view trim_right(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string_view trim(std::string_view s) {
  s = trim_right(s);
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  return s;
}

bool build(od::value value, JsonNode& out, int depth, BuildError& err);

// value::raw_json_token cannot fail; document::raw_json_token can.
simdjson::error_code raw_token(od::value& value, std::string_view& out) {
  out = value.raw_json_token();
  return simdjson::SUCCESS;
}
simdjson::error_code raw_token(od::document& doc, std::string_view& out) {
  return doc.raw_json_token().get(out);
}

template <class V>
bool build_scalar(V& value, od::json_type type, JsonNode& out, BuildError& err) {
  switch (type) {
    case od::json_type::string: {
      std::string_view s;
      if ((err.code = value.get_string().get(s))) return false;
      out.type = JsonNode::Type::string;
      out.text.assign(s);
      return true;
    }
    case od::json_type::number: {
      std::string_view raw;
      if ((err.code = raw_token(value, raw))) return false;
      raw = trim_right(raw);
      if (!is_json_number(raw)) {
        err.bad_number = true;
        return false;
      }
      out.type = JsonNode::Type::number;
      out.text.assign(raw);
      return true;
    }
    case od::json_type::boolean: {
      bool b = false;
      if ((err.code = value.get_bool().get(b))) return false;
      out.type = JsonNode::Type::boolean;
      out.boolean = b;
      return true;
    }
    case od::json_type::null: {
      bool is_null = false;
      if ((err.code = value.is_null().get(is_null))) return false;
      if (!is_null) {
        err.code = simdjson::INCORRECT_TYPE;
        return false;
      }
      out.type = JsonNode::Type::null;
      return true;
    }
    default:
      err.code = simdjson::INCORRECT_TYPE;
      return false;
  }
}

bool build(od::value value, JsonNode& out, int depth, BuildError& err) {
  if (depth > kMaxJsonDepth) {
    err.too_deep = true;
    return false;
  }
  od::json_type type;
  if ((err.code = value.type().get(type))) return false;
  if (type == od::json_type::object) {
    od::object object;
    if ((err.code = value.get_object().get(object))) return false;
    out.type = JsonNode::Type::object;
    for (auto field : object) {
      std::string_view key;
      if ((err.code = field.unescaped_key().get(key))) return false;
      out.members.emplace_back(std::string(key), JsonNode{});
      od::value child;
      if ((err.code = field.value().get(child))) return false;
      if (!build(child, out.members.back().second, depth + 1, err)) return false;
    }
    return true;
  }
  if (type == od::json_type::array) {
    od::array array;
    if ((err.code = value.get_array().get(array))) return false;
    out.type = JsonNode::Type::array;
    for (auto element : array) {
      od::value child;
      if ((err.code = element.get(child))) return false;
      out.items.emplace_back();
      if (!build(child, out.items.back(), depth + 1, err)) return false;
    }
    return true;
  }
  return build_scalar(value, type, out, err);
}

core::Error to_error(const BuildError& err) {
  if (err.too_deep)
    return {"too_deep", "JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
  if (err.bad_number) return {"invalid_json", "malformed JSON number"};
  switch (err.code) {
    case simdjson::UTF8_ERROR:
      return {"invalid_utf8", "payload is not valid UTF-8"};
    case simdjson::EMPTY:
      return {"empty_payload", "payload is empty"};
    case simdjson::DEPTH_ERROR:
      return {"too_deep", "JSON nests too deeply"};
    default:
      return {"invalid_json", std::string("malformed JSON: ") + simdjson::error_message(err.code)};
  }
}

}  // namespace

const JsonNode* JsonNode::find(std::string_view key) const {
  for (const auto& [name, value] : members)
    if (name == key) return &value;
  return nullptr;
}

const char* type_name(JsonNode::Type type) {
  switch (type) {
    case JsonNode::Type::null:
      return "null";
    case JsonNode::Type::boolean:
      return "boolean";
    case JsonNode::Type::number:
      return "number";
    case JsonNode::Type::string:
      return "string";
    case JsonNode::Type::array:
      return "array";
    case JsonNode::Type::object:
      return "object";
  }
  return "unknown";
}

bool is_json_number(std::string_view s) {
  std::size_t i = 0;
  const auto digit = [&](std::size_t at) { return at < s.size() && s[at] >= '0' && s[at] <= '9'; };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digit(i)) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == s.size();
}

core::Result<JsonNode> parse_json(std::string_view text) {
  if (trim_right(text).find_first_not_of(" \t\r\n") == std::string_view::npos)
    return core::Error{"empty_payload", "payload is empty"};
  thread_local od::parser parser;
  const simdjson::padded_string padded(text);
  BuildError err;
  od::document doc;
  if ((err.code = parser.iterate(padded).get(doc))) return to_error(err);
  JsonNode root;
  od::json_type type;
  if ((err.code = doc.type().get(type))) return to_error(err);
  bool ok = false;
  if (type == od::json_type::object || type == od::json_type::array) {
    od::value value;
    if ((err.code = doc.get_value().get(value))) return to_error(err);
    ok = build(value, root, 1, err);
  } else {
    // A scalar document must be the whole input: compare its raw token with the text.
    std::string_view raw;
    if ((err.code = doc.raw_json_token().get(raw))) return to_error(err);
    if (trim(raw) != trim(text))
      return core::Error{"invalid_json", "unexpected content after the JSON value"};
    ok = build_scalar(doc, type, root, err);
  }
  if (!ok) return to_error(err);
  // Anything after the root value ("{}]", "{} {}", "42 43") is refused: not one value.
  const char* rest = nullptr;
  const bool trailing = (root.is_array() || root.is_object()) &&
                        doc.current_location().get(rest) == simdjson::SUCCESS;
  if (trailing) return core::Error{"invalid_json", "unexpected content after the JSON value"};
  return root;
}

}  // namespace polycopy::polymarket::parse
