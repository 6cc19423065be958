#include "polymarket/clients/data_client.hpp"

#include <set>
#include <tuple>

#include "chain/hex.hpp"
#include "polymarket/clients/decode.hpp"
#include "polymarket/clients/query.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket {
namespace {

const char* period_name(LeaderboardPeriod period) {
  switch (period) {
    case LeaderboardPeriod::day:
      return "DAY";
    case LeaderboardPeriod::week:
      return "WEEK";
    case LeaderboardPeriod::month:
      return "MONTH";
    case LeaderboardPeriod::all:
      return "ALL";
  }
  return "WEEK";
}

using TradeKey =
    std::tuple<std::string, std::string, int, std::int64_t, std::int64_t, std::int64_t>;

TradeKey key_of(const parse::DataTrade& t) {
  return {t.transaction_hash ? chain::to_hex(*t.transaction_hash) : std::string(),
          t.token_id.to_decimal(),
          static_cast<int>(t.side),
          t.size.micros(),
          t.price.micros(),
          t.timestamp_s};
}

}  // namespace

DataClient::DataClient(net::HttpClient& http, std::string base_url)
    : rest_(http, std::move(base_url), "data") {}

core::Result<std::vector<parse::DataTrade>> DataClient::trades(const DataTradesQuery& q) const {
  Query query;
  query.add("user", q.user)
      .add_opt_int("limit", q.limit)
      .add_opt_int("offset", q.offset)
      .add_opt_bool("takerOnly", q.taker_only)
      .add_opt("side", q.side)
      .add_opt("market", q.market);
  auto body = rest_.get(query.with_path("/trades"), "trades");
  if (!body) return body.error();
  return decode_list(*body, parse::parse_data_trade);
}

core::Result<std::vector<parse::DataPosition>> DataClient::positions(
    const DataPositionsQuery& q) const {
  Query query;
  query.add("user", q.user)
      .add_opt_int("limit", q.limit)
      .add_opt_int("offset", q.offset)
      .add_opt("sizeThreshold", q.size_threshold)
      .add_opt("sortBy", q.sort_by)
      .add_opt("sortDirection", q.sort_direction)
      .add_opt("market", q.market);
  auto body = rest_.get(query.with_path("/positions"), "positions");
  if (!body) return body.error();
  return decode_list(*body, parse::parse_data_position);
}

core::Result<std::vector<parse::DataActivity>> DataClient::activity(
    const DataActivityQuery& q) const {
  Query query;
  query.add("user", q.user)
      .add_opt_int("limit", q.limit)
      .add_opt_int("offset", q.offset)
      .add_opt("type", q.type)
      .add_opt("sortBy", q.sort_by)
      .add_opt("sortDirection", q.sort_direction);
  auto body = rest_.get(query.with_path("/activity"), "activity");
  if (!body) return body.error();
  return decode_list(*body, parse::parse_data_activity);
}

core::Result<std::vector<parse::LeaderboardEntry>> DataClient::leaderboard(
    const LeaderboardQuery& q) const {
  Query query;
  query.add("timePeriod", period_name(q.period))
      .add("orderBy", q.order_by == LeaderboardOrder::pnl ? "PNL" : "VOL")
      .add_opt_int("limit", q.limit)
      .add_opt_int("offset", q.offset)
      .add_opt("category", q.category);
  auto body = rest_.get(query.with_path("/v1/leaderboard"), "leaderboard");
  if (!body) return body.error();
  return decode_list(*body, parse::parse_leaderboard_entry);
}

core::Result<TradesSince> DataClient::trades_since(
    DataTradesQuery query, const std::function<bool(const parse::DataTrade&)>& is_last_seen,
    std::int64_t page_size, int max_pages) const {
  if (page_size <= 0) return core::Error{"invalid_argument", "page_size must be positive"};
  TradesSince out;
  std::set<TradeKey> seen;
  std::int64_t offset = query.offset.value_or(0);
  query.limit = page_size;
  for (int i = 0; i < max_pages; ++i) {
    query.offset = offset;
    auto page = trades(query);
    if (!page) {
      if (page.error().message.find("max historical activity offset") != std::string::npos) {
        out.truncated = true;
        return out;
      }
      return page.error();
    }
    for (auto& trade : page.value()) {
      if (is_last_seen(trade)) {
        out.reached_last_seen = true;
        return out;
      }
      if (seen.insert(key_of(trade)).second) out.trades.push_back(std::move(trade));
    }
    const auto n = static_cast<std::int64_t>(page->size());
    if (n < page_size) return out;
    offset += n;
  }
  out.truncated = true;
  return out;
}

}  // namespace polycopy::polymarket
