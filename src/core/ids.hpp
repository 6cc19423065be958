#pragma once
// Identifiers: "<prefix>_<26 chars>", time-ordered (48-bit ms) then 80 random bits, Crockford
// base32 lower case, so ids sort by creation and need no database sequence. Ids made in the
// same millisecond are ordered randomly. The clock must read between 1970 and year 10889
// (48-bit ms), else new_id throws Failure{"invalid_time"}.
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace polycopy::core {

std::string new_id(std::string_view prefix, const Clock& clock);
// True when text looks like an id made by new_id with this prefix.
bool is_valid_id(std::string_view text, std::string_view prefix);
// Hex string of n cryptographically random bytes (OpenSSL RAND_bytes).
std::string random_hex(std::size_t n_bytes);
// Lower-case hex SHA-256 of the input (OpenSSL).
std::string sha256_hex(std::string_view data);

}  // namespace polycopy::core
