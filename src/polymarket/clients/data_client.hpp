#pragma once
// Data API (protocol doc section 4): what a followed trader did. Users are proxy-wallet
// (funder) addresses. Lists page with limit + offset, newest first; deep offsets (~3000 on
// /trades) are refused by the venue.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "polymarket/clients/data_v2_types.hpp"
#include "polymarket/clients/rest_endpoint.hpp"
#include "polymarket/parse/data_v2.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket {

struct DataTradesQuery {
  std::string user;
  std::optional<std::int64_t> limit, offset;
  std::optional<bool> taker_only;
  std::optional<std::string> side;    // "BUY" / "SELL"
  std::optional<std::string> market;  // condition id
};

struct DataPositionsQuery {
  std::string user;
  std::optional<std::int64_t> limit, offset;
  std::optional<std::string> size_threshold, sort_by, sort_direction, market;
};

struct DataActivityQuery {
  std::string user;
  std::optional<std::int64_t> limit, offset;
  std::optional<std::string> type, sort_by, sort_direction;
};

enum class LeaderboardPeriod { day, week, month, all };
enum class LeaderboardOrder { pnl, volume };

struct LeaderboardQuery {
  LeaderboardPeriod period = LeaderboardPeriod::week;
  LeaderboardOrder order_by = LeaderboardOrder::pnl;
  std::optional<std::int64_t> limit, offset;
  std::optional<std::string> category;
};

// Paging /trades back to a trade already seen.
struct TradesSince {
  std::vector<parse::DataTrade> trades;  // new trades, newest first
  bool reached_last_seen = false;        // false: history ran out, or the page cap was hit first
  bool truncated = false;                // the page cap or the venue's offset ceiling was hit
};

class DataClient {
 public:
  DataClient(net::HttpClient& http, std::string base_url);

  core::Result<std::vector<parse::DataTrade>> trades(const DataTradesQuery& query) const;
  core::Result<std::vector<parse::DataPosition>> positions(const DataPositionsQuery& query) const;
  core::Result<std::vector<parse::DataActivity>> activity(const DataActivityQuery& query) const;
  core::Result<std::vector<parse::LeaderboardEntry>> leaderboard(
      const LeaderboardQuery& query) const;

  // Pages newest first (page_size each) until is_last_seen(trade) is true for a trade (that
  // trade and older ones are not returned), a short page, max_pages, or the venue's offset
  // ceiling. Trades are only ever appended, so offsets shift while paging: a trade seen
  // twice (same transaction, asset, side, size, price, time) is kept once.
  core::Result<TradesSince> trades_since(
      DataTradesQuery query, const std::function<bool(const parse::DataTrade&)>& is_last_seen,
      std::int64_t page_size = 100, int max_pages = 30) const;

  // v2 cursor endpoints and /value (data_client_v2.cpp). cursor "" = first page.
  core::Result<DataPage<parse::DataActivity>> activity_v2_page(
      const DataV2ActivityQuery& query, const std::string& cursor = {}) const;
  core::Result<DataPage<parse::DataPosition>> positions_v2_page(
      const DataV2PositionsQuery& query, const std::string& cursor = {}) const;
  core::Result<DataPage<parse::LeaderboardEntry>> leaderboard_v2_page(
      const DataV2LeaderboardQuery& query, const std::string& cursor = {}) const;
  // Every page until has_more is false or the cursor is empty; "cursor_loop" when the venue
  // repeats a cursor, "too_many_pages" past max_pages.
  core::Result<std::vector<parse::DataActivity>> activity_v2(const DataV2ActivityQuery& query,
                                                             int max_pages = 30) const;
  core::Result<std::vector<parse::DataPosition>> positions_v2(const DataV2PositionsQuery& query,
                                                              int max_pages = 30) const;
  // GET /v2/resolutions?condition= (empty list: the venue has no resolution for it yet).
  core::Result<std::vector<parse::DataResolution>> resolutions(
      const std::string& condition_id) const;
  // GET /value?user= -> [{"user", "value"}].
  core::Result<std::vector<parse::DataValue>> value(const std::string& user) const;

 private:
  RestEndpoint rest_;
};

}  // namespace polycopy::polymarket
