#pragma once
// CLOB REST public market data (protocol doc section 5). Query parameters are snake_case;
// books, prices and markets are keyed by token id, markets by condition id.
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/money.hpp"
#include "polymarket/clients/clob_batch_types.hpp"
#include "polymarket/clients/decode.hpp"
#include "polymarket/clients/rest_endpoint.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket {

class ClobPublicClient {
 public:
  // base_url: "https://clob.polymarket.com" in production.
  ClobPublicClient(net::HttpClient& http, std::string base_url);

  core::Result<parse::OrderBook> book(const std::string& token_id) const;
  core::Result<parse::ClobQuote> price(const std::string& token_id, parse::TradeSide side) const;
  core::Result<parse::ClobQuote> midpoint(const std::string& token_id) const;
  core::Result<parse::ClobQuote> spread(const std::string& token_id) const;
  core::Result<core::Price> tick_size(const std::string& token_id) const;
  core::Result<bool> neg_risk(const std::string& token_id) const;
  // GET /markets/{condition_id} (full snake_case market).
  core::Result<parse::ClobMarket> market(const std::string& condition_id) const;
  // GET /markets?next_cursor= — one page; start with kFirstCursor, stop at kEndCursor.
  core::Result<CursorPage<parse::ClobMarket>> markets_page(
      std::string_view cursor = kFirstCursor) const;
  // GET /time: Unix seconds.
  core::Result<std::int64_t> server_time() const;
  // GET /version: the order version the server expects (2 when the field is absent).
  core::Result<int> version() const;

  // Batch quotes (clob_public_batch.cpp): POST, but idempotent, so they are retried.
  // POST /books [{"token_id"}] -> one book per token, in the venue's order.
  core::Result<std::vector<parse::OrderBook>> books(
      const std::vector<std::string>& token_ids) const;
  // POST /prices [{"token_id","side"}] -> {token: {side: price}}, one TokenQuote per price.
  core::Result<std::vector<TokenQuote>> prices(const std::vector<PriceRequest>& requests) const;
  // POST /midpoints [{"token_id"}] -> {token: mid}.
  core::Result<std::vector<TokenQuote>> midpoints(const std::vector<std::string>& token_ids) const;
  // GET /fee-rate?token_id= -> {"base_fee": bps} (V1 orders sign this rate).
  core::Result<std::int64_t> fee_rate_bps(const std::string& token_id) const;

 private:
  RestEndpoint rest_;
};

}  // namespace polycopy::polymarket
