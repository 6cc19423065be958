#include "polymarket/orders/order.hpp"

#include "chain/address.hpp"
#include "chain/hex.hpp"

namespace polycopy::polymarket {

std::string WireAddress::text() const {
  return checksummed ? chain::to_checksum_address(value) : chain::to_hex(value);
}

}  // namespace polycopy::polymarket
