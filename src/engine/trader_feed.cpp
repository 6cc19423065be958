#include "engine/trader_feed.hpp"

#include "engine/venue_mapping.hpp"

namespace polycopy::engine {

TraderFeed::TraderFeed(store::Store& store, const polymarket::DataClient& data,
                       const core::Clock& clock, FeedOptions options)
    : store_(store), data_(data), clock_(clock), options_(options) {}

core::Result<FeedPull> TraderFeed::pull(const std::string& trader_address) {
  auto cursor = store_.get_feed_cursor(trader_address);
  if (!cursor) return cursor.error();
  const std::optional<std::int64_t> cursor_ms =
      *cursor ? std::optional(core::to_unix_ms((*cursor)->traded_at)) : std::nullopt;

  polymarket::DataTradesQuery query;
  query.user = trader_address;
  auto page = data_.trades_since(
      query,
      [&cursor_ms](const polymarket::parse::DataTrade& trade) {
        return cursor_ms && trade.timestamp_s * 1000 < *cursor_ms;
      },
      options_.page_size, options_.max_pages);
  if (!page) return page.error();

  FeedPull result;
  result.fetched = static_cast<std::int64_t>(page->trades.size());
  result.truncated = page->truncated;
  const core::Timestamp now = clock_.now();
  std::vector<store::SourceTradeRecord> records;
  records.reserve(page->trades.size());
  for (const auto& trade : page->trades) {
    auto record = to_source_trade(trade, now);
    if (!record) {
      ++result.skipped;
      continue;
    }
    if (record->trader_address != trader_address) {
      return core::Error{"trader_mismatch", "the Data API answered trades of " +
                                                record->trader_address + " for " + trader_address};
    }
    records.push_back(std::move(*record));
  }
  if (records.empty()) return result;

  // Trades come newest first: the first is the new cursor.
  const auto& newest = records.front();
  store::FeedCursor advance_to{trader_address, newest.traded_at, newest.tx_hash, newest.token_id,
                               now};
  if (*cursor && (*cursor)->traded_at > newest.traded_at) advance_to = **cursor;
  advance_to.updated_at = now;
  auto stored = store_.ingest_trader_trades(records, advance_to);
  if (!stored) return stored.error();
  result.stored = static_cast<std::int64_t>(stored->size());
  return result;
}

}  // namespace polycopy::engine
