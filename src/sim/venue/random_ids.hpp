#pragma once
// Random identifiers the venue hands out: trade ids (uuid v4 text, as Polymarket's) and
// transaction hashes (32 random bytes; there is no chain behind the simulator yet).
#include <string>

#include "chain/bytes.hpp"

namespace polycopy::sim {

std::string random_uuid_v4();
chain::Bytes32 random_bytes32();

}  // namespace polycopy::sim
