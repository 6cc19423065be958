#pragma once
// Data API v2 cursor endpoints (protocol doc section 4): snake_case rows in the envelope
// {data: [...], pagination: {limit, offset, has_more, next_cursor}}. The next page is asked
// for with cursor=<next_cursor> and the same filters (no offset).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket {

template <class T>
struct DataPage {
  std::vector<T> items;
  parse::Pagination pagination;  // next_cursor unset or has_more false on the last page
};

// GET /v2/activity.
struct DataV2ActivityQuery {
  std::string user;
  std::optional<std::int64_t> limit;
  std::optional<std::string> type;  // TRADE, REDEEM, ...
};

// GET /v2/positions.
struct DataV2PositionsQuery {
  std::string user;
  std::optional<std::int64_t> limit;
};

// GET /v2/leaderboard.
struct DataV2LeaderboardQuery {
  std::string time_period = "week";  // lower case: day, week, month, all
  std::optional<std::int64_t> limit;
};

}  // namespace polycopy::polymarket
