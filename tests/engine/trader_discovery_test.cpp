// TraderDiscovery against the simulator's leaderboards: the top N of a board as the venue
// ranks it (read raw here), paging past the venue's 50 per request, the union of several
// boards without duplicates, and boards cached until clear().
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "engine/engine_fixture.hpp"
#include "engine/trader_discovery.hpp"
#include "polymarket/clients/data_client.hpp"

namespace polycopy::engine {
namespace {

using nlohmann::json;

struct DiscoveryFixture {
  DiscoveryFixture() : sim(testing::frozen_scenario(47, 90, 30)) {}

  // The first `n` addresses of a board, in the venue's order, read raw 50 at a time.
  std::vector<std::string> raw_board(const std::string& period, const std::string& order,
                                     std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t offset = 0; out.size() < n; offset += 50) {
      const auto page = sim.get(sim.urls.data + "/v1/leaderboard?timePeriod=" + period +
                                "&orderBy=" + order + "&limit=50&offset=" + std::to_string(offset));
      for (const auto& row : page) {
        if (out.size() == n) break;
        std::string address = row.at("proxyWallet").get<std::string>();
        std::ranges::transform(address, address.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        out.push_back(address);
      }
      if (page.size() < 50) break;
    }
    return out;
  }

  testing::RunningSim sim;
  polymarket::DataClient data{*sim.http, sim.urls.data};
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::ranges::sort(v);
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

store::FtStrategyParams month_pnl(std::int64_t top_n) {
  store::FtStrategyParams p;
  p.discover_month_pnl = true;
  p.discover_top_n = top_n;
  return p;
}

TEST(TraderDiscovery, TopNOfTheMonthPnlBoard) {
  DiscoveryFixture f;
  const auto board = f.raw_board("MONTH", "PNL", 7);
  ASSERT_EQ(board.size(), 7u);
  TraderDiscovery discovery(f.data);
  const auto found = discovery.discover(month_pnl(7));
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(*found, sorted(board));
  // Lower-case 0x addresses.
  for (const auto& a : *found) {
    EXPECT_EQ(a.size(), 42u);
    EXPECT_TRUE(std::ranges::none_of(a, [](char c) { return std::isupper(c) != 0; })) << a;
  }
}

TEST(TraderDiscovery, PagesPastTheVenuesFiftyPerRequest) {
  DiscoveryFixture f;
  const auto all = f.raw_board("MONTH", "PNL", 1000);
  ASSERT_GT(all.size(), 55u) << "the scenario needs more than 55 ranked traders";
  const auto top = std::vector<std::string>(all.begin(), all.begin() + 55);
  TraderDiscovery discovery(f.data);
  const auto found = discovery.discover(month_pnl(55));
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->size(), 55u);
  EXPECT_EQ(*found, sorted(top));

  // More than the board holds: all of it.
  TraderDiscovery everything(f.data);
  const auto whole = everything.discover(month_pnl(500));
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_EQ(*whole, sorted(all));
}

TEST(TraderDiscovery, TheUnionOfSeveralBoardsHasNoDuplicates) {
  DiscoveryFixture f;
  std::vector<std::string> expected;
  for (const auto& [period, order] :
       {std::pair{"MONTH", "PNL"}, std::pair{"MONTH", "VOL"}, std::pair{"WEEK", "PNL"}}) {
    const auto board = f.raw_board(period, order, 10);
    ASSERT_EQ(board.size(), 10u) << period << " " << order;
    expected.insert(expected.end(), board.begin(), board.end());
  }
  const auto distinct = sorted(expected);
  EXPECT_LT(distinct.size(), expected.size()) << "the boards do not overlap: a weak test";

  store::FtStrategyParams p;
  p.discover_month_pnl = p.discover_month_volume = p.discover_week_pnl = true;
  p.discover_top_n = 10;
  TraderDiscovery discovery(f.data);
  const auto found = discovery.discover(p);
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(*found, distinct);

  // One board only: just its top.
  store::FtStrategyParams week;
  week.discover_week_pnl = true;
  week.discover_top_n = 10;
  const auto only_week = discovery.discover(week);
  ASSERT_TRUE(only_week.ok());
  EXPECT_EQ(*only_week, sorted(f.raw_board("WEEK", "PNL", 10)));

  // No board chosen: nobody.
  const auto none = discovery.discover(store::FtStrategyParams{});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(TraderDiscovery, BoardsAreCachedUntilClear) {
  DiscoveryFixture f;
  TraderDiscovery discovery(f.data);
  const auto first = discovery.discover(month_pnl(10));
  ASSERT_TRUE(first.ok()) << first.error().message;

  // The venue now fails every leaderboard request.
  testing::add_fault(f.sim,
                     {{"kind", "server_error"}, {"path", "/data/v1/leaderboard"}, {"count", -1}});
  const auto cached = discovery.discover(month_pnl(10));
  ASSERT_TRUE(cached.ok()) << "the cached board was read again: " << cached.error().message;
  EXPECT_EQ(*cached, *first);
  // Another top N is another board: it is read, and fails.
  EXPECT_FALSE(discovery.discover(month_pnl(11)).ok());

  discovery.clear();
  EXPECT_FALSE(discovery.discover(month_pnl(10)).ok());

  testing::clear_faults(f.sim);
  const auto fresh = discovery.discover(month_pnl(10));
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
  EXPECT_EQ(*fresh, *first);
}

}  // namespace
}  // namespace polycopy::engine
