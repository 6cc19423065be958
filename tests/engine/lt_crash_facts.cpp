#include "engine/lt_crash_facts.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <variant>

#include "chain/hex.hpp"
#include "engine/wallet_access.hpp"
#include "polymarket/clients/clob_trading_client.hpp"
#include "risk/transitions.hpp"
#include "sim/venue/venue.hpp"

namespace polycopy::engine::testing {

namespace {

// A read-only connection for the two reads the Store interface has no call for.
class ReadOnlyDb {
 public:
  explicit ReadOnlyDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path);
    sqlite3_busy_timeout(db_, 5000);
  }
  ~ReadOnlyDb() { sqlite3_close(db_); }
  ReadOnlyDb(const ReadOnlyDb&) = delete;
  ReadOnlyDb& operator=(const ReadOnlyDb&) = delete;

  // Runs `sql` with one text parameter; `row` gets each row's statement.
  template <class Row>
  void each(const char* sql, const std::string& parameter, Row row) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_));
    sqlite3_bind_text(statement, 1, parameter.c_str(), -1, SQLITE_TRANSIENT);
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) row(statement);
    sqlite3_finalize(statement);
    if (step != SQLITE_DONE) throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_ = nullptr;
};

std::string column_text(sqlite3_stmt* statement, int column) {
  const auto* text = sqlite3_column_text(statement, column);
  return text == nullptr ? "" : reinterpret_cast<const char*>(text);
}

}  // namespace

StoreFacts read_store_facts(store::Store& store, const StoreScope& scope, core::Timestamp now) {
  StoreFacts facts;
  facts.orders = store.list_orders(scope.lt_strategy_id, {}).value();
  facts.reservations = store.list_budget_reservations(scope.lt_strategy_id).value();
  const auto snapshot = store.get_risk_snapshot(scope.user_id, scope.lt_strategy_id, now).value();
  if (!snapshot) throw std::runtime_error("no risk snapshot for " + scope.lt_strategy_id);
  facts.risk_reserved = risk::current_state(*snapshot).reserved;

  ReadOnlyDb db(scope.db_path);
  db.each("SELECT source_trade_id, accepted FROM strategy_signals WHERE lt_strategy_id = ?1",
          scope.lt_strategy_id, [&](sqlite3_stmt* row) {
            facts.signals.emplace_back(column_text(row, 0), sqlite3_column_int(row, 1) != 0);
          });
  db.each("SELECT id FROM source_trades WHERE trader_address = ?1", scope.trader,
          [&](sqlite3_stmt* row) { facts.trades.insert(column_text(row, 0)); });
  return facts;
}

VenuePlacements::VenuePlacements(sim::Venue& venue, const std::string& maker_hex)
    : venue_(venue), maker_(maker_hex) {
  subscription_ = venue_.subscribe([this](const sim::VenueEvent& event) {
    const auto* order = std::get_if<sim::OrderEvent>(&event);
    if (order == nullptr || order->type != sim::OrderEventType::placement) return;
    if (chain::to_hex(order->order.maker) != maker_) return;
    const auto at = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    placed_.emplace_back(chain::to_hex(order->order.id), at);
  });
}

VenuePlacements::~VenuePlacements() {
  venue_.unsubscribe(subscription_);
}

std::vector<std::pair<std::string, std::chrono::steady_clock::time_point>> VenuePlacements::all()
    const {
  std::lock_guard lock(mutex_);
  return placed_;
}

VenueFacts read_venue_facts(RunningSim& sim, store::Store& store, const core::SecretBox& box,
                            const std::string& wallet_id, const VenuePlacements& placements) {
  VenueFacts facts;
  for (const auto& [hash, at] : placements.all()) facts.placed.push_back(hash);

  const auto wallet = store.find_wallet(wallet_id).value();
  if (!wallet) throw std::runtime_error("no wallet " + wallet_id);
  // The venue checks L2 timestamps against its own (simulated) time.
  core::ManualClock clock(sim.now());
  WalletAccess wallets(store, box, *sim.http, sim.urls.clob, clock);
  auto identity = wallets.trading_identity(*wallet);
  if (!identity) throw std::runtime_error("trading identity: " + identity.error().to_string());
  polymarket::ClobTradingClient trading(*sim.http, sim.urls.clob, *identity, &clock);

  auto open = trading.open_orders();
  if (!open) throw std::runtime_error("open orders: " + open.error().to_string());
  for (const auto& order : *open) facts.open.insert(chain::to_hex(order.order_id));

  auto trades = trading.trades();
  if (!trades) throw std::runtime_error("trades: " + trades.error().to_string());
  for (const auto& trade : *trades) {
    if (trade.trader_side == "TAKER" && trade.taker_order_id)
      facts.traded.insert(chain::to_hex(*trade.taker_order_id));
    for (const auto& maker : trade.maker_orders)
      if (chain::to_hex(maker.maker_address) == wallet->address)
        facts.traded.insert(chain::to_hex(maker.order_id));
  }
  return facts;
}

}  // namespace polycopy::engine::testing
