#pragma once
// Pulls a followed trader's new trades from the Data API and stores them with the trader's
// feed cursor in one transaction: pages newest first until a trade older than the cursor
// (the first pull of a trader reads its history back to the venue's paging limit). Trades
// in the cursor's own second are read again; the store keeps each trade once.
#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "polymarket/clients/data_client.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct FeedOptions {
  std::int64_t page_size = 100;
  int max_pages = 30;  // 3,000 trades: the Data API's offset ceiling
};

struct FeedPull {
  std::int64_t fetched = 0;  // trades the venue returned newer than the cursor
  std::int64_t stored = 0;   // of them, trades not stored before
  std::int64_t skipped = 0;  // trades without a transaction hash (cannot be identified)
  bool truncated = false;    // the paging limit was hit before the cursor: trades may be missed
};

class TraderFeed {
 public:
  TraderFeed(store::Store& store, const polymarket::DataClient& data, const core::Clock& clock,
             FeedOptions options = {});

  core::Result<FeedPull> pull(const std::string& trader_address);

 private:
  store::Store& store_;
  const polymarket::DataClient& data_;
  const core::Clock& clock_;
  FeedOptions options_;
};

}  // namespace polycopy::engine
