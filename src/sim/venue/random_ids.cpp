#include "sim/venue/random_ids.hpp"

#include "chain/hex.hpp"
#include "core/ids.hpp"

namespace polycopy::sim {

std::string random_uuid_v4() {
  std::string hex = core::random_hex(16);
  hex[12] = '4';                                                  // version 4
  hex[16] = "89ab"[chain::detail::hex_digit_value(hex[16]) & 3];  // RFC 4122 variant
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

chain::Bytes32 random_bytes32() {
  return chain::parse_bytes32(core::random_hex(32), chain::HexPrefix::optional).value();
}

}  // namespace polycopy::sim
