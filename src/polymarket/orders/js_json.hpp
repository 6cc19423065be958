#pragma once
// JSON.stringify's string escaping, so bodies match the client byte for byte: '"', '\\',
// \b \f \n \r \t, other controls as \u00xx (lower-case hex); everything else, U+2028
// included, is copied as UTF-8.
#include <string>
#include <string_view>

namespace polycopy::polymarket::js {

void append_json_string(std::string& out, std::string_view text);

}  // namespace polycopy::polymarket::js
