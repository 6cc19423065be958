// Several threads and several Store objects on one file: every call is one serialised
// transaction, and a locked database is waited for (busy timeout), not failed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_connection.hpp"
#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using testing::address;
using testing::make_ft;
using testing::make_user;

constexpr int kPerThread = 25;

class ConcurrencyTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
  }

  // Inserts kPerThread strategies (each several statements: traders, lists) and reads back.
  static void insert_many(Store& store, int thread, std::atomic<int>& failures) {
    for (int i = 0; i < kPerThread; ++i) {
      const std::string id = "ft_" + std::to_string(thread) + "_" + std::to_string(i);
      FtStrategy strategy = make_ft(id, "usr_a", id);
      strategy.params.target_traders = {address(i), address(1000 + thread * 100 + i)};
      strategy.params.categories = {"sports"};
      if (!store.insert_ft_strategy(strategy).ok()) ++failures;
      auto read = store.get_ft_strategy("usr_a", id);
      if (!read.ok() || !read->has_value() || (*read)->params.target_traders.size() != 2)
        ++failures;
    }
  }
};

TEST_F(ConcurrencyTest, TwoThreadsInsertThroughOneStore) {
  std::atomic<int> failures{0};
  std::thread first([&] { insert_many(*store_, 1, failures); });
  std::thread second([&] { insert_many(*store_, 2, failures); });
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->list_ft_strategies("usr_a").value().size(), 2u * kPerThread);
}

TEST_F(ConcurrencyTest, TwoStoresOnOneFileBothSucceed) {
  auto other = open_store();
  ASSERT_NE(other, nullptr);
  std::atomic<int> failures{0};
  std::thread first([&] { insert_many(*store_, 1, failures); });
  std::thread second([&] { insert_many(*other, 2, failures); });
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->list_ft_strategies("usr_a").value().size(), 2u * kPerThread);
  EXPECT_EQ(other->list_ft_strategies("usr_a").value().size(), 2u * kPerThread);
}

TEST_F(ConcurrencyTest, WriterWaitsForAHeldLockInsteadOfFailing) {
  auto locker = sqlite::open_sqlite_connection(path_);
  ASSERT_TRUE(locker.ok());
  ASSERT_TRUE((*locker)->begin(sql::TransactionMode::write).ok());

  const auto started = std::chrono::steady_clock::now();
  std::atomic<bool> done{false};
  core::Status result;
  std::thread writer([&] {
    result = store_->insert_ft_strategy(make_ft("ft_waiting", "usr_a", "waiting"));
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(done.load()) << "the write should block while another connection holds the lock";
  ASSERT_TRUE((*locker)->commit().ok());
  writer.join();

  EXPECT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(300));
  EXPECT_TRUE(store_->get_ft_strategy("usr_a", "ft_waiting").value().has_value());
}

TEST_F(ConcurrencyTest, LockHeldPastTheTimeoutIsADbError) {
  auto locker = sqlite::open_sqlite_connection(path_);
  ASSERT_TRUE(locker.ok());
  ASSERT_TRUE((*locker)->begin(sql::TransactionMode::write).ok());
  // A short busy timeout keeps the test fast; the store's own is 5 s.
  auto impatient = sqlite::open_sqlite_connection(path_, {std::chrono::milliseconds(50)});
  ASSERT_TRUE(impatient.ok());
  auto begun = (*impatient)->begin(sql::TransactionMode::write);
  ASSERT_FALSE(begun.ok());
  EXPECT_EQ(begun.error().code, "db_error");
  EXPECT_NE(begun.error().message.find("locked"), std::string::npos) << begun.error().message;
  ASSERT_TRUE((*locker)->rollback().ok());
}

}  // namespace
}  // namespace polycopy::store
