// Versioned migrations against a real SQLite file.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "store/migrations/migration.hpp"
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using testing::TempDir;

std::unique_ptr<Store> open_or_fail(const std::string& path) {
  auto store = open_sqlite_store(path);
  EXPECT_TRUE(store.ok()) << store.error().to_string();
  return std::move(store).value();
}

TEST(MigrationList, VersionsAreContiguousFromOneWithUniqueNames) {
  const auto all = migrations::all();
  ASSERT_FALSE(all.empty());
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].version, static_cast<int>(i + 1));
    EXPECT_TRUE(names.insert(all[i].name).second) << all[i].name;
    EXPECT_FALSE(all[i].sql.empty());
  }
}

TEST(MigrationList, UsesOnlyPortableSql) {
  for (const auto& migration : migrations::all()) {
    const std::string sql(migration.sql);
    for (const char* banned : {"AUTOINCREMENT", "GLOB", "STRICT", "WITHOUT ROWID", "PRAGMA", "REAL",
                               "DOUBLE", "FLOAT", "DATETIME", "BOOLEAN"})
      EXPECT_EQ(sql.find(banned), std::string::npos) << migration.name << " uses " << banned;
  }
}

TEST(Migrate, FromEmptyAppliesEveryMigrationAndReportsTheVersion) {
  TempDir dir;
  auto store = open_or_fail(dir.file("db.sqlite"));
  auto before = store->schema_version();
  ASSERT_TRUE(before.ok()) << before.error().to_string();
  EXPECT_EQ(*before, 0);

  auto applied = store->migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().to_string();
  const auto all = migrations::all();
  ASSERT_EQ(applied->size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ((*applied)[i].version, all[i].version);
    EXPECT_EQ((*applied)[i].name, all[i].name);
  }
  EXPECT_EQ(store->schema_version().value(), store->latest_schema_version());
  EXPECT_EQ(store->latest_schema_version(), all.back().version);
}

TEST(Migrate, ReRunAppliesNothingAlsoFromAnotherProcessView) {
  TempDir dir;
  auto store = open_or_fail(dir.file("db.sqlite"));
  ASSERT_TRUE(store->migrate().ok());
  auto again = store->migrate();
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_TRUE(again->empty());

  auto reopened = open_or_fail(dir.file("db.sqlite"));
  auto third = reopened->migrate();
  ASSERT_TRUE(third.ok()) << third.error().to_string();
  EXPECT_TRUE(third->empty());
  EXPECT_EQ(reopened->schema_version().value(), reopened->latest_schema_version());
}

TEST(Migrate, RecordsEachMigrationWithItsNameAndTime) {
  TempDir dir;
  auto store = open_or_fail(dir.file("db.sqlite"));
  ASSERT_TRUE(store->migrate().ok());
  auto connection = sqlite::open_sqlite_connection(dir.file("db.sqlite"));
  ASSERT_TRUE(connection.ok());
  auto rows = sql::query(
      **connection, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  ASSERT_EQ(rows->size(), migrations::all().size());
  for (std::size_t i = 0; i < rows->size(); ++i) {
    sql::RowReader r((*rows)[i]);
    EXPECT_EQ(r.int64(), migrations::all()[i].version);
    EXPECT_EQ(r.text(), migrations::all()[i].name);
    EXPECT_GT(r.int64(), 1'600'000'000'000);  // stamped with the (system) clock in ms
  }
}

TEST(Migrate, CreatesEveryDomainTable) {
  TempDir dir;
  auto store = open_or_fail(dir.file("db.sqlite"));
  ASSERT_TRUE(store->migrate().ok());
  auto connection = sqlite::open_sqlite_connection(dir.file("db.sqlite"));
  ASSERT_TRUE(connection.ok());
  for (const char* table : {"users",
                            "api_keys",
                            "wallets",
                            "traders",
                            "trader_stats",
                            "markets",
                            "outcome_tokens",
                            "source_trades",
                            "resolutions",
                            "trader_feed_cursors",
                            "ft_strategies",
                            "ft_strategy_traders",
                            "ft_strategy_categories",
                            "paper_positions",
                            "strategy_signals",
                            "lt_strategies",
                            "risk_rules",
                            "risk_state",
                            "budget_reservations",
                            "reservation_fills",
                            "orders",
                            "fills",
                            "execution_quality",
                            "lt_positions",
                            "redemptions",
                            "health_checks",
                            "alerts",
                            "rule_changes"}) {
    auto exists = (*connection)->table_exists(table);
    ASSERT_TRUE(exists.ok());
    EXPECT_TRUE(*exists) << table;
  }
  auto missing = (*connection)->table_exists("no_such_table");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(*missing);
}

TEST(Migrate, DatabaseNewerThanTheBinaryIsRefused) {
  TempDir dir;
  auto store = open_or_fail(dir.file("db.sqlite"));
  ASSERT_TRUE(store->migrate().ok());
  const int future = store->latest_schema_version() + 1;
  {
    auto connection = sqlite::open_sqlite_connection(dir.file("db.sqlite"));
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE(sql::execute(**connection,
                             "INSERT INTO schema_migrations (version, name, applied_at) "
                             "VALUES (?, 'from_the_future', 0)",
                             {future})
                    .ok());
  }
  auto result = store->migrate();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "schema_too_new");
  EXPECT_NE(result.error().message.find(std::to_string(future)), std::string::npos)
      << result.error().message;
  EXPECT_EQ(store->schema_version().value(), future);
}

TEST(Migrate, TooNewIsRefusedBeforeAnythingIsApplied) {
  TempDir dir;
  {
    auto connection = sqlite::open_sqlite_connection(dir.file("db.sqlite"));
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE((*connection)
                    ->execute_script("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                                     " name TEXT NOT NULL, applied_at BIGINT NOT NULL);"
                                     "INSERT INTO schema_migrations VALUES (99, 'future', 0);")
                    .ok());
  }
  auto store = open_or_fail(dir.file("db.sqlite"));
  auto result = store->migrate();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "schema_too_new");
  auto connection = sqlite::open_sqlite_connection(dir.file("db.sqlite"));
  ASSERT_TRUE(connection.ok());
  EXPECT_FALSE((*connection)->table_exists("users").value());
}

TEST(Migrate, RecordedNameThatDiffersIsAMismatch) {
  TempDir dir;
  {
    auto connection = sqlite::open_sqlite_connection(dir.file("db.sqlite"));
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE((*connection)
                    ->execute_script("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                                     " name TEXT NOT NULL, applied_at BIGINT NOT NULL);"
                                     "INSERT INTO schema_migrations VALUES (1, 'other', 0);")
                    .ok());
  }
  auto result = open_or_fail(dir.file("db.sqlite"))->migrate();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "migration_mismatch");
}

TEST(Migrate, FailingMigrationRollsBackAndSaysWhich) {
  TempDir dir;
  {
    // A table in the way of migration 1 makes its CREATE TABLE fail.
    auto connection = sqlite::open_sqlite_connection(dir.file("db.sqlite"));
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE((*connection)->execute_script("CREATE TABLE wallets (x INTEGER);").ok());
  }
  auto store = open_or_fail(dir.file("db.sqlite"));
  auto result = store->migrate();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "migration_failed");
  EXPECT_NE(result.error().message.find("accounts"), std::string::npos) << result.error().message;
  EXPECT_EQ(store->schema_version().value(), 0);
  auto connection = sqlite::open_sqlite_connection(dir.file("db.sqlite"));
  ASSERT_TRUE(connection.ok());
  EXPECT_FALSE((*connection)->table_exists("users").value());  // users rolled back with it
}

TEST(OpenSqliteStore, PathThatCannotBeOpenedIsDbOpenFailed) {
  TempDir dir;
  auto store = open_sqlite_store(dir.file("missing/dir/db.sqlite"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "db_open_failed");
  EXPECT_NE(store.error().message.find("missing/dir/db.sqlite"), std::string::npos);
  EXPECT_NE(store.error().message.find("unable to open"), std::string::npos)
      << store.error().message;
}

TEST(OpenSqliteStore, FileThatIsNotADatabaseIsDbOpenFailed) {
  TempDir dir;
  {
    std::ofstream junk(dir.file("junk.db"));
    junk << std::string(4096, 'x');
  }
  auto store = open_sqlite_store(dir.file("junk.db"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "db_open_failed");
  EXPECT_NE(store.error().message.find("not a database"), std::string::npos)
      << store.error().message;
}

TEST(OpenSqliteStore, UsesWalWithForeignKeys) {
  TempDir dir;
  auto connection = sqlite::open_sqlite_connection(dir.file("db.sqlite"));
  ASSERT_TRUE(connection.ok());
  auto mode = sql::query(**connection, "PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  EXPECT_EQ(mode->front().front(), sql::Value("wal"));
  auto keys = sql::query(**connection, "PRAGMA foreign_keys");
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->front().front(), sql::Value(1));
  auto timeout = sql::query(**connection, "PRAGMA busy_timeout");
  ASSERT_TRUE(timeout.ok());
  EXPECT_EQ(timeout->front().front(), sql::Value(5000));
}

}  // namespace
}  // namespace polycopy::store
