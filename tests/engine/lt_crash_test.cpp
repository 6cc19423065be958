// Crash safety of the live order flow: `polycopy engine run --once --clock venue` (live
// trading on) is SIGKILLed at a random moment while it places orders for fresh source trades
// (evaluation, reservation, signing, intent, POST, marking submitted, signal), then the
// simulator's clock passes the reconciler's grace and the engine runs again to completion.
// After every restart the store and the venue must agree: no order twice, no intent lost,
// every hold bound to a live order (see lt_crash_checks.hpp).
//
// POLYCOPY_LT_CRASH_RUNS (default 200) sets the number of killed runs (each about 0.1 s, a
// few times that under the sanitizers); POLYCOPY_LT_CRASH_SEED replays the random delays of a
// reported seed (where they land still depends on the engine's timing).
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iostream>
#include <random>
#include <thread>

#include "chain/hex.hpp"
#include "chain/private_key.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/lt_crash_checks.hpp"
#include "engine/lt_crash_engine.hpp"
#include "engine/lt_crash_facts.hpp"
#include "sim/venue/venue.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::engine {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::KillPoint;

constexpr int kTradesPerRun = 6;  // every third crosses the book: its copy fills
const std::string kWalletKey(64, 'c');
const std::string kSignerKey = "0x00000000000000000000000000000000000000000000000000000000000000c3";
const std::string kTrader = "0x" + std::string(38, '0') + "c5";
constexpr std::chrono::seconds kPastGrace{31};  // the reconciler waits 30 s (engine clock)

std::int64_t env_number(const char* name, std::int64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? std::stoll(text) : fallback;
}

// The simulator, a store with a funded LT strategy copying one trader, and what the
// venue accepted from its wallet.
class CrashRig {
 public:
  CrashRig() : sim_(testing::frozen_scenario(61, 3, 40)) {
    pick_tokens();
    auto store = store::open_sqlite_store(db_).value();
    (void)store->migrate().value();
    store_ = std::move(store);
    const auto now = sim_.now();
    store::Store& s = *store_;
    if (!s.insert_user({"usr_crash", "usr_crash", now}).ok()) throw std::runtime_error("user");
    store::Wallet wallet;
    wallet.id = "wal_crash";
    wallet.user_id = "usr_crash";
    wallet.address = chain::to_hex(chain::PrivateKey::parse(kSignerKey).value().address());
    wallet.encrypted_private_key =
        box_.seal(kSignerKey, store::wallet_secret_context(wallet.id, store::kPrivateKeySecret));
    wallet.created_at = now;
    if (!s.insert_wallet(wallet).ok()) throw std::runtime_error("wallet");
    address_ = wallet.address;

    store::FtStrategyParams twin;
    twin.name = "paper twin";
    twin.target_traders = {kTrader};
    twin.min_trader_resolved_count = 0;
    twin.allow_adding = true;  // every trade of the run is copied, same token or not
    twin.bet_size = core::Usd::from_micros(6'000'000);
    twin.starting_cash = core::Usd::from_micros(1'000'000'000'000);
    testing::add_strategy(s, "usr_crash", "ft_crash", twin);
    store::LtStrategy lt;
    lt.id = "lt_crash";
    lt.user_id = "usr_crash";
    lt.params.name = "live";
    lt.params.ft_strategy_id = "ft_crash";
    lt.params.wallet_id = wallet.id;
    lt.params.starting_equity = core::Usd::from_micros(1'000'000'000'000);
    // Resting copies expire after about three runs: the venue cancels them, the tracker
    // ends them, and the live orders each run tracks (at the venue's rate limits) stay few.
    lt.params.order_expiry_seconds = 100;
    lt.paused = false;
    lt.created_at = lt.updated_at = now;
    if (!s.insert_lt_strategy(lt).ok()) throw std::runtime_error("lt strategy");
    placements_ = std::make_unique<testing::VenuePlacements>(sim_.server->venue(), address_);
  }

  std::size_t tokens() const { return tokens_.size(); }

  // New BUY trades of the followed trader: most priced under the best ask (their copies
  // rest on the book), every third at it (its copy crosses and fills).
  void post_trades(int run) {
    for (int i = 0; i < kTradesPerRun; ++i) {
      const bool crossing = i % 3 == 2;
      for (std::size_t attempt = 0; attempt < tokens_.size(); ++attempt) {
        const auto& token =
            tokens_[(static_cast<std::size_t>(run * kTradesPerRun + i) + attempt) % tokens_.size()];
        const auto book = sim_.server->venue().book(token);
        if (!book || book->asks.empty()) continue;
        const auto best = book->asks.front().price.micros();
        const auto price = crossing ? best : best - 20'000;
        if (price < 50'000) continue;
        testing::sim_trade(sim_, kTrader, token.to_decimal(), "BUY",
                           core::Price::from_micros(price).value().to_string(),
                           crossing ? "1" : "20");
        break;
      }
    }
  }

  std::unique_ptr<testing::LtCrashEngine> start(const std::string& name) {
    return std::make_unique<testing::LtCrashEngine>(db_, sim_.urls, kWalletKey, dir_.file(name));
  }
  void pass_grace() { sim_.advance(kPastGrace); }

  testing::StoreFacts store_facts() {
    return testing::read_store_facts(*store_, {db_, "usr_crash", "lt_crash", kTrader}, sim_.now());
  }
  testing::VenueFacts venue_facts() {
    return testing::read_venue_facts(sim_, *store_, box_, "wal_crash", *placements_);
  }
  std::vector<std::pair<std::string, Clock::time_point>> placed() const {
    return placements_->all();
  }

 private:
  // Outcome tokens of markets that stay open through the test, signed for the venue's
  // exchange, with a best ask where a $6 copy is above the minimum size.
  void pick_tokens() {
    const auto until = sim_.now() + std::chrono::hours(24);
    std::set<std::string> resolving;
    for (const auto& r : sim_.scenario.resolutions)
      if (r.at < until) resolving.insert(chain::to_hex(r.condition_id));
    for (const auto& m : sim_.scenario.markets) {
      if (m.closed || m.winner || m.neg_risk || m.order_version != sim_.scenario.server_version ||
          m.end_date < until || resolving.contains(chain::to_hex(m.condition_id)))
        continue;
      for (const auto& outcome : m.outcomes) {
        const auto book = sim_.server->venue().book(outcome.token_id);
        if (book && !book->asks.empty() && book->asks.front().price.micros() >= 100'000 &&
            book->asks.front().price.micros() <= 900'000)
          tokens_.push_back(outcome.token_id);
      }
    }
  }

  testing::TempDir dir_;
  std::string db_ = dir_.file("engine.db");
  testing::RunningSim sim_;
  core::SecretBox box_ = core::SecretBox::from_hex(kWalletKey).value();
  std::unique_ptr<store::Store> store_;
  std::string address_;
  std::vector<chain::Uint256> tokens_;
  std::unique_ptr<testing::VenuePlacements> placements_;
};

// When to kill: mostly within the placements (from two trades' worth before the first POST
// to one after the last), one in five anywhere in the run. The window follows the engine as
// the store grows: every run that posts orders (the killed one or its restart) moves it.
class KillDelays {
 public:
  explicit KillDelays(std::uint64_t seed) : random_(seed) {}

  // One run's timing, from its start: the end, and its POSTs (when it made two or more).
  void observe(Clock::duration total, const std::vector<Clock::duration>& posts) {
    const auto blend = [this](Clock::duration& kept, Clock::duration seen) {
      kept = observed_ ? (kept * 3 + seen) / 4 : seen;
    };
    blend(total_, total);
    if (posts.size() >= 2) {
      const auto spacing = (posts.back() - posts.front()) / static_cast<int>(posts.size() - 1);
      blend(from_, std::max(Clock::duration::zero(), posts.front() - 2 * spacing));
      blend(to_, posts.back() + spacing);
    }
    observed_ = true;
  }
  Clock::duration next() {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const bool anywhere = unit(random_) < 0.2;
    const auto from = anywhere ? Clock::duration::zero() : from_;
    const auto to = anywhere ? std::max(total_, to_) : to_;
    return from + std::chrono::duration_cast<Clock::duration>((to - from) * unit(random_));
  }
  Clock::duration from() const { return from_; }
  Clock::duration to() const { return to_; }
  Clock::duration total() const { return total_; }

 private:
  std::mt19937_64 random_;
  bool observed_ = false;
  Clock::duration total_{}, from_{}, to_{};
};

// The POSTs the venue received since `seen` of them, as times after `start`.
std::vector<Clock::duration> posts_since(
    const std::vector<std::pair<std::string, Clock::time_point>>& placed, std::size_t seen,
    Clock::time_point start) {
  std::vector<Clock::duration> out;
  for (std::size_t i = seen; i < placed.size(); ++i) out.push_back(placed[i].second - start);
  return out;
}

std::int64_t ms(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

std::string joined(const std::vector<std::string>& lines, std::size_t most) {
  std::string out;
  for (std::size_t i = 0; i < lines.size() && i < most; ++i) out += "\n  " + lines[i];
  if (lines.size() > most) out += "\n  (" + std::to_string(lines.size() - most) + " more)";
  return out;
}

TEST(LtCrash, SigkillAnywhereLeavesNoDuplicateNoLostIntent) {
  const auto runs = env_number("POLYCOPY_LT_CRASH_RUNS", 200);
  const auto seed = static_cast<std::uint64_t>(
      env_number("POLYCOPY_LT_CRASH_SEED", static_cast<std::int64_t>(std::random_device{}() >> 1)));
  std::cout << "[ LtCrash  ] seed " << seed << " (POLYCOPY_LT_CRASH_SEED), " << runs
            << " killed runs (POLYCOPY_LT_CRASH_RUNS)" << std::endl;
  CrashRig rig;
  ASSERT_GE(rig.tokens(), 4u);
  std::cout << "[ LtCrash  ] copying trades on " << rig.tokens() << " outcome tokens" << std::endl;

  // Complete runs first: one to warm up (the first tick backfills, the first order derives
  // the wallet's API key), then three measured: how long a run takes, when its POSTs happen.
  KillDelays delays(seed);
  for (int run = 0; run < 4; ++run) {
    if (run > 0) rig.pass_grace();
    rig.post_trades(run);
    const auto seen = rig.placed().size();
    auto complete = rig.start("complete");
    ASSERT_TRUE(complete->started());
    const auto started = Clock::now();
    ASSERT_EQ(complete->wait(), 0) << complete->output();
    ASSERT_GT(rig.placed().size(), seen) << complete->output();
    if (run > 0) delays.observe(complete->ran_for(), posts_since(rig.placed(), seen, started));
  }
  std::cout << "[ LtCrash  ] a run takes " << ms(delays.total()) << " ms; kills start "
            << ms(delays.from()) << ".." << ms(delays.to()) << " ms in (then following the runs)"
            << std::endl;
  auto previous = rig.store_facts();
  {
    const auto bad = testing::check_after_restart(previous, rig.venue_facts(), "lt_crash");
    ASSERT_TRUE(bad.empty()) << "after the complete runs:" << joined(bad, 20);
  }

  std::array<int, testing::kKillPoints> points{};
  std::vector<Clock::duration> restarts;
  const auto test_started = Clock::now();
  for (int run = 1; run <= runs; ++run) {
    rig.post_trades(run + 3);
    const auto delay = delays.next();
    KillPoint point = KillPoint::exited;
    {
      const auto seen = rig.placed().size();
      auto killed = rig.start("killed");
      ASSERT_TRUE(killed->started());
      const auto started = Clock::now();
      std::this_thread::sleep_for(delay);
      killed->kill();
      const int code = killed->wait();
      if (code == -SIGKILL) {
        std::vector<std::string> hashes;
        for (const auto& [hash, at] : rig.placed()) hashes.push_back(hash);
        point = testing::classify_kill(previous, rig.store_facts(), hashes);
      } else {
        ASSERT_EQ(code, 0) << "run " << run << " (seed " << seed << ") failed on its own:\n"
                           << killed->output();
        delays.observe(killed->ran_for(), posts_since(rig.placed(), seen, started));
      }
    }
    ++points[static_cast<std::size_t>(point)];

    rig.pass_grace();
    const auto seen = rig.placed().size();
    auto restart = rig.start("restart");
    const auto started = Clock::now();
    const int restart_code = restart->wait();
    restarts.push_back(restart->ran_for());
    delays.observe(restart->ran_for(), posts_since(rig.placed(), seen, started));
    ASSERT_EQ(restart_code, 0) << "restart after run " << run << " (seed " << seed << ", killed "
                               << ms(delay) << " ms in: " << testing::to_string(point) << "):\n"
                               << restart->output();
    previous = rig.store_facts();
    const auto bad = testing::check_after_restart(previous, rig.venue_facts(), "lt_crash");
    ASSERT_TRUE(bad.empty()) << "run " << run << " (seed " << seed << "), killed " << ms(delay)
                             << " ms in (" << testing::to_string(point) << "):" << joined(bad, 20);
  }

  std::sort(restarts.begin(), restarts.end());
  std::cout << "[ LtCrash  ] " << runs << " runs in "
            << std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - test_started).count()
            << " s (restarts: median " << ms(restarts[restarts.size() / 2]) << " ms, longest "
            << ms(restarts.back()) << " ms); where the kills landed:" << std::endl;
  for (int p = 0; p < testing::kKillPoints; ++p)
    std::cout << "[ LtCrash  ]   " << points[static_cast<std::size_t>(p)] << "  "
              << testing::to_string(static_cast<KillPoint>(p)) << std::endl;
  std::int64_t live = 0, filled = 0, abandoned = 0;
  for (const auto& o : previous.orders) {
    live +=
        o.state == store::OrderState::submitted || o.state == store::OrderState::partially_filled;
    filled += o.state == store::OrderState::filled;
    abandoned += !o.venue_order_id;
  }
  std::cout << "[ LtCrash  ] " << previous.orders.size() << " orders (" << live << " live, "
            << filled << " filled, " << abandoned << " never sent), " << rig.placed().size()
            << " accepted by the venue" << std::endl;
  // The kills landed while the engine worked, and it placed orders all along.
  EXPECT_GE(runs - points[static_cast<std::size_t>(KillPoint::exited)], runs / 4);
  EXPECT_GE(static_cast<std::int64_t>(previous.orders.size()), runs * kTradesPerRun / 2);
}

}  // namespace
}  // namespace polycopy::engine
