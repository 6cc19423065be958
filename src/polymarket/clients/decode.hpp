#pragma once
// Response bodies to typed values through the parse/ element parsers. The parsers throw
// core::Failure; these helpers are where that becomes a Result (codes from parse/: invalid_json,
// missing_field, wrong_type, ...), so a client method never throws on a bad payload.
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "polymarket/parse/fields.hpp"
#include "polymarket/parse/json_tree.hpp"

namespace polycopy::polymarket {

// One page of a CLOB cursor list ({limit, count, next_cursor, data}).
template <class T>
struct CursorPage {
  std::vector<T> items;
  std::string next_cursor;  // "LTE=" (or empty) on the last page
};

inline constexpr std::string_view kFirstCursor = "MA==";
inline constexpr std::string_view kEndCursor = "LTE=";

// Runs fn(root) on the parsed body and catches the parsers' failures.
template <class Fn>
auto decode(std::string_view body, Fn&& fn) -> core::Result<decltype(fn(parse::JsonNode{}))> {
  try {
    auto root = parse::parse_json(body);
    if (!root) return root.error();
    return fn(*root);
  } catch (const core::Failure& failure) {
    return failure.error();
  } catch (const std::bad_alloc&) {
    return core::Error{"out_of_memory", "payload too large to parse"};
  } catch (const std::exception& e) {
    return core::Error{"internal_error", e.what()};
  }
}

// One object parsed with an element parser.
template <class Parser>
auto decode_one(std::string_view body, Parser parser) {
  return decode(body, [&](const parse::JsonNode& root) { return parser(root, std::string()); });
}

// The elements of an array, or of the "data" array of a wrapper object.
template <class Parser>
auto decode_list(std::string_view body, Parser parser) {
  using T = decltype(parser(parse::JsonNode{}, std::string()));
  return decode(body, [&](const parse::JsonNode& root) {
    const parse::JsonNode* array = &root;
    std::string path;
    if (root.is_object()) {
      array = root.find("data");
      path = "data";
      if (!array) parse::fail("missing_field", "data", "expected an array or {data: [...]}");
    }
    parse::expect_array(*array, path);
    std::vector<T> out;
    out.reserve(array->items.size());
    for (std::size_t i = 0; i < array->items.size(); ++i)
      out.push_back(parser(array->items[i], path + "[" + std::to_string(i) + "]"));
    return out;
  });
}

// A CLOB cursor page.
template <class Parser>
auto decode_cursor_page(std::string_view body, Parser parser) {
  using T = decltype(parser(parse::JsonNode{}, std::string()));
  return decode(body, [&](const parse::JsonNode& root) {
    parse::Fields f(root, "");
    CursorPage<T> page;
    page.next_cursor = f.opt_str({"next_cursor"}).value_or(std::string());
    if (const parse::JsonNode* data = f.find({"data"})) {
      parse::expect_array(*data, "data");
      for (std::size_t i = 0; i < data->items.size(); ++i)
        page.items.push_back(parser(data->items[i], "data[" + std::to_string(i) + "]"));
    }
    return page;
  });
}

}  // namespace polycopy::polymarket
