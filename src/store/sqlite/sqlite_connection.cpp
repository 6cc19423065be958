#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "store/sql/query.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace polycopy::store::sqlite {
namespace {

using core::Error;
using core::Result;
using core::Status;

// Where a statement goes when its user is done with it: back to its connection's cache
// (reset, bindings cleared) or, when it was not cached, finalized.
using StatementRelease = std::function<void(sqlite3_stmt*)>;

class SqliteStatement final : public sql::Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement, StatementRelease release = {})
      : db_(db), statement_(statement), release_(std::move(release)) {}
  ~SqliteStatement() override {
    if (release_) {
      release_(statement_);
    } else {
      sqlite3_finalize(statement_);
    }
  }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  Status bind(int index, const sql::Value& value) override {
    int rc = SQLITE_OK;
    if (value.is_integer()) {
      rc = sqlite3_bind_int64(statement_, index, value.integer());
    } else if (value.is_text()) {
      rc = sqlite3_bind_text(statement_, index, value.text().data(),
                             static_cast<int>(value.text().size()), SQLITE_TRANSIENT);
    } else {
      rc = sqlite3_bind_null(statement_, index);
    }
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, "bind parameter " + std::to_string(index));
    return {};
  }

  Result<bool> step() override {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(db_, sqlite3_extended_errcode(db_), "statement failed");
  }

  int column_count() const override { return sqlite3_column_count(statement_); }

  sql::Value column(int index) const override {
    switch (sqlite3_column_type(statement_, index)) {
      case SQLITE_NULL:
        return {};
      case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(statement_, index));
      default: {
        // TEXT (and anything else, which the row reader then rejects as the wrong type).
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_, index));
        const int size = sqlite3_column_bytes(statement_, index);
        return std::string(bytes != nullptr ? bytes : "", static_cast<std::size_t>(size));
      }
    }
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
  StatementRelease release_;
};

// WAL checkpoints (the only writes SQLite syncs to disk with synchronous=NORMAL) run on
// their own connection and thread, once a second, instead of inside whichever write
// transaction happens to fill the log: an order's intent never waits for a disk sync.
// PASSIVE: it never blocks a reader or a writer; what it cannot copy now it copies later.
class BackgroundCheckpointer {
 public:
  explicit BackgroundCheckpointer(sqlite3* db) : db_(db), thread_([this] { run(); }) {}
  ~BackgroundCheckpointer() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    sqlite3_close_v2(db_);
  }
  BackgroundCheckpointer(const BackgroundCheckpointer&) = delete;
  BackgroundCheckpointer& operator=(const BackgroundCheckpointer&) = delete;

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!changed_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; }))
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }

  sqlite3* db_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the rest is ready
};

// Statements are cached by their SQL text: compiling one costs more than running most of the
// engine's queries. A cached statement lent out is not lent twice (a nested use of the same
// text compiles a fresh one); texts past the cache's size are compiled each time.
class SqliteConnection final : public sql::Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    checkpointer_.reset();
    for (auto& [text, cached] : cache_) sqlite3_finalize(cached.statement);
    sqlite3_close_v2(db_);
  }

  // Moves checkpoints off the write path; without a second connection, SQLite's automatic
  // checkpoints stay on.
  void checkpoint_in_background(const std::string& path) {
    sqlite3* second = nullptr;
    if (sqlite3_open_v2(path.c_str(), &second, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      sqlite3_close_v2(second);
      return;
    }
    sqlite3_busy_timeout(second, 1'000);
    if (sqlite3_exec(db_, "PRAGMA wal_autocheckpoint = 0", nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
      sqlite3_close_v2(second);
      return;
    }
    checkpointer_ = std::make_unique<BackgroundCheckpointer>(second);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<std::unique_ptr<sql::Statement>> prepare(std::string_view sql) override {
    const std::string text(sql);
    if (auto it = cache_.find(text); it != cache_.end() && !it->second.lent) {
      return lend(it->second);
    }
    sqlite3_stmt* statement = nullptr;
    const int rc =
        sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(statement);
      return sqlite_error(db_, sqlite3_extended_errcode(db_), "prepare failed");
    }
    if (cache_.size() < kCacheSize && !cache_.contains(text))
      return lend(cache_.emplace(text, Cached{statement, false}).first->second);
    return std::unique_ptr<sql::Statement>(new SqliteStatement(db_, statement));
  }

  Status execute_script(std::string_view sql) override {
    const std::string script(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);  // sqlite3_errmsg keeps the same text
    if (rc != SQLITE_OK) return sqlite_error(db_, sqlite3_extended_errcode(db_), "script failed");
    return {};
  }

  Status begin(sql::TransactionMode mode) override {
    return simple(mode == sql::TransactionMode::write ? "BEGIN IMMEDIATE" : "BEGIN",
                  "begin transaction");
  }
  Status commit() override { return simple("COMMIT", "commit"); }
  Status rollback() override {
    if (sqlite3_get_autocommit(db_) != 0) return {};  // nothing open (SQLite may have rolled back)
    return simple("ROLLBACK", "rollback");
  }
  std::int64_t changes() const override { return sqlite3_changes64(db_); }

  Result<bool> table_exists(std::string_view table) override {
    auto rows = sql::query(*this, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                           {std::string(table)});
    if (!rows) return rows.error();
    return !rows->empty();
  }

 private:
  static constexpr std::size_t kCacheSize = 512;
  struct Cached {
    sqlite3_stmt* statement;
    bool lent;
  };

  // Entries of an unordered_map keep their address while the map grows.
  std::unique_ptr<sql::Statement> lend(Cached& entry) {
    entry.lent = true;
    return std::unique_ptr<sql::Statement>(
        new SqliteStatement(db_, entry.statement, [&entry](sqlite3_stmt* done) {
          sqlite3_reset(done);  // its error, if any, was reported by step()
          sqlite3_clear_bindings(done);
          entry.lent = false;
        }));
  }

  Status simple(const char* statement, std::string_view context) {
    const int rc = sqlite3_exec(db_, statement, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db_, sqlite3_extended_errcode(db_), context);
    return {};
  }

  sqlite3* db_;
  std::unordered_map<std::string, Cached> cache_;
  std::unique_ptr<BackgroundCheckpointer> checkpointer_;
};

Error open_failed(const std::string& path, std::string_view reason) {
  return Error{"db_open_failed", "cannot open database '" + path + "': " + std::string(reason)};
}

}  // namespace

Result<std::unique_ptr<sql::Connection>> open_sqlite_connection(const std::string& path,
                                                                const SqliteOptions& options) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    const std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return open_failed(path, reason);
  }
  auto connection = std::make_unique<SqliteConnection>(db);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
  // The first statements touch the file: a directory or a non-database fails here.
  // synchronous=NORMAL is durable across application crashes in WAL mode. A 64 MiB page
  // cache and a memory-mapped file keep the engine's index walks (which trades has a
  // strategy not evaluated yet) out of read() calls.
  if (auto configured = connection->execute_script(
          "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
          "PRAGMA mmap_size = 268435456;");
      !configured)
    return open_failed(path, configured.error().message);
  auto mode = sql::query(*connection, "PRAGMA journal_mode = WAL");
  if (!mode) return open_failed(path, mode.error().message);
  auto keys = sql::query(*connection, "PRAGMA foreign_keys");
  if (!keys || keys->empty() || keys->front().front() != sql::Value(1))
    return open_failed(path, "foreign keys cannot be enabled");
  if (mode->size() == 1 && mode->front().front() == sql::Value("wal"))
    connection->checkpoint_in_background(path);
  return std::unique_ptr<sql::Connection>(std::move(connection));
}

}  // namespace polycopy::store::sqlite
