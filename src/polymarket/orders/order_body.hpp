#pragma once
// The POST /order body exactly as the official client sends it (protocol doc 7.6): compact
// JSON.stringify output, the client's key order, salt and signatureType as numbers, amounts
// and ids as strings. The L2 HMAC covers these bytes.
#include <string>

#include "polymarket/orders/order.hpp"

namespace polycopy::polymarket {

struct PostOptions {
  std::string owner;  // the API key
  OrderType order_type = OrderType::gtc;
  bool post_only = false;
  bool defer_exec = false;
};

// V2/V3: orderToJsonV2 (clob-client-v2 1.1.0). V1: orderToJson of clob-client 5.8.1 as its
// postOrder calls it, which always appends "postOnly" after "orderType".
std::string post_order_body(const SignedOrder& signed_order, const PostOptions& options);

}  // namespace polycopy::polymarket
