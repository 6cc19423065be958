#pragma once
// CLOB REST endpoints authenticated with L2 HMAC headers (protocol doc sections 6 and 8.2).
// Each request signs timestamp + method + path (no query) + the exact body bytes sent.
//
// POST /order is never retried once it may have reached the venue: a lost answer gives
// "unknown_outcome" and the caller must look the order up (order(), open orders, trades)
// before acting again. A 2xx answer with success=false, or a 4xx whose text is a known
// placement error, gives the doc's code in lower case ("invalid_order_min_size", ...) or
// "order_rejected", with the venue's message.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "polymarket/auth/l2_auth.hpp"
#include "polymarket/clients/clob_batch_types.hpp"
#include "polymarket/clients/clob_trading_types.hpp"
#include "polymarket/clients/decode.hpp"
#include "polymarket/clients/rest_endpoint.hpp"
#include "polymarket/orders/order.hpp"
#include "polymarket/orders/order_body.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket {

struct L2Identity {
  std::string address;  // POLY_ADDRESS: the EOA that owns the key (not the funder)
  ApiCredentials credentials;
};

class ClobTradingClient {
 public:
  // clock: null = system clock (the HMAC timestamp, Unix seconds).
  ClobTradingClient(net::HttpClient& http, std::string base_url, L2Identity identity,
                    const core::Clock* clock = nullptr);

  // The body is post_order_body(order, options) with options.owner set to the API key.
  core::Result<parse::OrderPostResult> post_order(const SignedOrder& order,
                                                  PostOptions options) const;
  // Sends these exact bytes.
  core::Result<parse::OrderPostResult> post_order_body(const std::string& body) const;

  // DELETE /order {"orderID"}, DELETE /orders [ids], DELETE /cancel-all.
  core::Result<CancelResult> cancel_order(const std::string& order_id) const;
  core::Result<CancelResult> cancel_orders(const std::vector<std::string>& order_ids) const;
  core::Result<CancelResult> cancel_all() const;

  core::Result<CursorPage<parse::OpenOrder>> open_orders_page(
      const OpenOrderFilter& filter, std::string_view cursor = kFirstCursor) const;
  // Every page until "LTE=" (or an empty/repeated cursor); "too_many_pages" past max_pages.
  core::Result<std::vector<parse::OpenOrder>> open_orders(const OpenOrderFilter& filter = {},
                                                          int max_pages = 100) const;
  // GET /data/order/{id}.
  core::Result<parse::OpenOrder> order(const std::string& order_id) const;
  // The same, where the venue's answer `null` (it does not know the order, or it is another
  // owner's) is nullopt rather than an error.
  core::Result<std::optional<parse::OpenOrder>> find_order(const std::string& order_id) const;

  core::Result<CursorPage<parse::ClobTrade>> trades_page(
      const TradeFilter& filter, std::string_view cursor = kFirstCursor) const;
  core::Result<std::vector<parse::ClobTrade>> trades(const TradeFilter& filter = {},
                                                     int max_pages = 100) const;

  core::Result<BalanceAllowance> balance_allowance(const BalanceAllowanceQuery& query) const;

  // Batch and maintenance endpoints (clob_trading_batch.cpp).
  // POST /orders: a JSON array of envelopes (1..kMaxBatchOrders, else "invalid_argument"),
  // signed over the exact bytes, never retried ("unknown_outcome" for the whole batch). The
  // answer has one result per order; a refused order is an element with success=false and
  // error_code set, not an error of the call.
  core::Result<std::vector<parse::OrderPostResult>> post_orders(
      const std::vector<SignedOrder>& orders, PostOptions options) const;
  // Each string is one envelope exactly as post_order_body() makes it.
  core::Result<std::vector<parse::OrderPostResult>> post_orders_body(
      const std::vector<std::string>& envelopes) const;
  // DELETE /cancel-market-orders {"market"} and/or {"asset_id"}; neither: "invalid_argument".
  core::Result<CancelResult> cancel_market_orders(const CancelMarketRequest& request) const;
  // POST /v1/heartbeats {"heartbeat_id"}. Once started, missing them (~10 s) makes the venue
  // cancel the user's open orders. Not retried.
  core::Result<HeartbeatResult> heartbeat(const std::string& heartbeat_id) const;

 private:
  core::Result<std::string> send(net::HttpMethod method, const std::string& path,
                                 const std::string& query, const std::string& body,
                                 const std::string& rate_bucket) const;
  core::Result<CancelResult> cancel(const std::string& path, const std::string& body) const;

  RestEndpoint rest_;
  L2Identity identity_;
  const core::Clock& clock_;
};

}  // namespace polycopy::polymarket
