// Check-and-reserve is atomic: 16 threads, each with its own connection, and separately 4
// processes, all on one SQLite file, race for a budget that fits exactly N orders. Exactly N
// are approved, every time, over 100 rounds each.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <barrier>
#include <thread>

#include "risk/reason_codes.hpp"
#include "risk/risk_fixture.hpp"

namespace polycopy::risk::testing {
namespace {

constexpr int kRounds = 100;
constexpr int kFits = 7;  // orders of 5 USD under a 35 USD daily budget

class Concurrency : public RiskTest {
 protected:
  // A fresh running strategy with the budget, one per round.
  std::string round_strategy(int round) {
    auto lt = store::testing::make_lt("lt_round" + std::to_string(round), kUser, "ft_a",
                                      "round " + std::to_string(round));
    lt.paused = false;
    lt.pause_reason.reset();
    lt.params.risk.daily_budget_usd = usd(5 * kFits);
    EXPECT_TRUE(store_->insert_lt_strategy(lt).ok());
    return lt.id;
  }
  std::int64_t stored_reservations(const std::string& id) {
    return std::ssize(store_->list_budget_reservations(id).value());
  }
};

TEST_F(Concurrency, SixteenThreadsNeverOverspendABudget) {
  constexpr int kThreads = 16, kAttemptsEach = 2;
  std::vector<std::unique_ptr<store::Store>> stores;
  for (int i = 0; i < kThreads; ++i) stores.push_back(open_store());
  for (int round = 0; round < kRounds; ++round) {
    const std::string id = round_strategy(round);
    std::atomic<int> approved{0}, refused_budget{0}, other{0};
    std::barrier start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        RiskManager risk(*stores[static_cast<std::size_t>(t)], clock_);
        start.arrive_and_wait();
        for (int a = 0; a < kAttemptsEach; ++a) {
          const auto outcome =
              risk.check_and_reserve(id, order("0xc" + std::to_string(t), 500'000, 10));
          if (!outcome)
            ++other;
          else if (outcome->reservation_id)
            ++approved;
          else if (outcome->refusal->code == reason::daily_budget_exceeded)
            ++refused_budget;
          else
            ++other;
        }
      });
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(approved.load(), kFits) << "round " << round;
    ASSERT_EQ(refused_budget.load(), kThreads * kAttemptsEach - kFits) << "round " << round;
    ASSERT_EQ(other.load(), 0) << "round " << round;
    ASSERT_EQ(stored_reservations(id), kFits);
    clock_.set(clock_.now());  // same window for every round: strategies are separate
  }
}

// Runs in a forked child: its own connection, `attempts` reservations; the exit status is
// the number approved (or 100 + an error).
[[noreturn]] void reserve_in_child(const std::string& path, const std::string& id, int attempts,
                                   core::Timestamp now) {
  auto opened = store::open_sqlite_store(path);
  if (!opened) _exit(100);
  core::ManualClock clock(now);
  RiskManager risk(**opened, clock);
  int approved = 0;
  for (int a = 0; a < attempts; ++a) {
    const auto outcome = risk.check_and_reserve(id, order("0xp", 500'000, 10));
    if (!outcome) _exit(101);
    if (outcome->reservation_id)
      ++approved;
    else if (outcome->refusal->code != reason::daily_budget_exceeded)
      _exit(102);
  }
  _exit(approved);
}

TEST_F(Concurrency, FourProcessesNeverOverspendABudget) {
  constexpr int kProcesses = 4, kAttemptsEach = 4;
  for (int round = 0; round < kRounds; ++round) {
    const std::string id = round_strategy(round);
    std::vector<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
      const pid_t pid = fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) reserve_in_child(path_, id, kAttemptsEach, clock_.now());
      children.push_back(pid);
    }
    int approved = 0;
    for (const pid_t pid : children) {
      int status = 0;
      ASSERT_EQ(waitpid(pid, &status, 0), pid);
      ASSERT_TRUE(WIFEXITED(status));
      ASSERT_LT(WEXITSTATUS(status), 100) << "child failed with " << WEXITSTATUS(status);
      approved += WEXITSTATUS(status);
    }
    ASSERT_EQ(approved, kFits) << "round " << round;
    ASSERT_EQ(stored_reservations(id), kFits);
    const auto state =
        current_state(store_->get_risk_snapshot(kUser, id, clock_.now()).value().value());
    ASSERT_EQ(state.day_reserved, usd(5 * kFits));
  }
}

}  // namespace
}  // namespace polycopy::risk::testing
