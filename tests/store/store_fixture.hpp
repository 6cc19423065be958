#pragma once
// Shared helpers for store tests: a real SQLite file in a fresh temp directory, and records
// with every field filled in.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/records.hpp"
#include "store/store.hpp"

namespace polycopy::store::testing {

// A unique directory removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

core::Timestamp at_ms(std::int64_t ms);
// "0x" + 40 hex digits made from n, lower case.
std::string address(int n);

User make_user(const std::string& id, const std::string& name);
Wallet make_wallet(const std::string& id, const std::string& user_id, int address_n);
// Defaults of FtStrategyParams, with a name.
FtStrategy make_ft(const std::string& id, const std::string& user_id, const std::string& name);
// Every optional set and every field away from its default.
FtStrategy make_full_ft(const std::string& id, const std::string& user_id);
LtStrategy make_lt(const std::string& id, const std::string& user_id, const std::string& ft_id,
                   const std::string& name);
LtStrategy make_full_lt(const std::string& id, const std::string& user_id, const std::string& ft_id,
                        const std::string& wallet_id);

void expect_same(const FtStrategy& actual, const FtStrategy& expected);
void expect_same(const LtStrategy& actual, const LtStrategy& expected);

// A migrated store on a file in its own temp dir.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override;
  std::unique_ptr<Store> open_store();

  TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

}  // namespace polycopy::store::testing
