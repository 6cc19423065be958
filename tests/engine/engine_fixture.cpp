#include "engine/engine_fixture.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "chain/hex.hpp"
#include "core/money.hpp"

namespace polycopy::engine::testing {

namespace {

constexpr const char* kProbeUser = "usr_probe";
constexpr const char* kProbeStrategy = "ft_probe";

std::string lower(std::string text) {
  std::ranges::transform(text, text.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

StoreFixture::StoreFixture() {
  store = store::open_sqlite_store(dir.file("engine.db")).value();
  (void)store->migrate().value();
}

void add_strategy(store::Store& store, const std::string& user_id, const std::string& id,
                  const store::FtStrategyParams& params) {
  const auto t0 = core::from_unix_ms(0);
  if (!store.find_user_by_name(user_id).value()) {
    if (!store.insert_user({user_id, user_id, t0}).ok())
      throw std::runtime_error("insert_user " + user_id);
  }
  store::FtStrategy s;
  s.id = id;
  s.user_id = user_id;
  s.params = params;
  s.created_at = s.updated_at = t0;
  if (!store.insert_ft_strategy(s).ok()) throw std::runtime_error("insert_ft_strategy " + id);
}

std::vector<store::SourceTradeRecord> stored_trades(store::Store& store) {
  if (!store.get_ft_strategy(kProbeUser, kProbeStrategy).value()) {
    store::FtStrategyParams params;
    params.name = "probe";
    add_strategy(store, kProbeUser, kProbeStrategy, params);
  }
  return store.unprocessed_source_trades_for_ft(kProbeStrategy, 1'000'000).value();
}

std::set<std::string> stored_trade_ids(store::Store& store, const std::string& trader) {
  std::set<std::string> out;
  for (const auto& t : stored_trades(store)) {
    if (t.trader_address == trader) out.insert(t.id);
  }
  return out;
}

std::string venue_trade_id(const nlohmann::json& row) {
  return store::source_trade_id(lower(row.at("transactionHash").get<std::string>()),
                                row.at("asset").get<std::string>(),
                                lower(row.at("proxyWallet").get<std::string>()));
}

std::set<std::string> venue_trade_ids(RunningSim& sim, const std::string& trader) {
  std::set<std::string> out;
  for (const auto& row : sim.all_trades(trader)) out.insert(venue_trade_id(row));
  return out;
}

std::string hex32(const chain::Bytes32& value) {
  return chain::to_hex(value);
}

std::string fake_hex(std::uint64_t n, std::size_t digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(digits, '0');
  for (std::size_t i = 0; i < digits && n != 0; ++i, n >>= 4) out[digits - 1 - i] = kDigits[n & 15];
  return "0x" + out;
}

store::SourceTradeRecord make_trade(const std::string& trader, const std::string& condition_id,
                                    const std::string& token_id, std::int64_t outcome_index,
                                    store::TradeSide side, std::int64_t price_micros,
                                    std::int64_t size_micros, core::Timestamp at,
                                    std::uint64_t tx) {
  store::SourceTradeRecord r;
  r.trader_address = trader;
  r.tx_hash = fake_hex(tx, 64);
  r.condition_id = condition_id;
  r.token_id = token_id;
  r.id = store::source_trade_id(r.tx_hash, r.token_id, r.trader_address);
  r.outcome = outcome_index == 0 ? "Yes" : "No";
  r.outcome_index = outcome_index;
  r.side = side;
  r.price = core::Price::from_micros(price_micros).value();
  r.size = core::Shares::from_micros(size_micros);
  r.usd = core::notional(r.size, r.price, core::Rounding::down);
  r.traded_at = at;
  r.received_at = at;
  return r;
}

void sim_trade(RunningSim& sim, const std::string& trader, const std::string& token_id,
               const std::string& side, const std::string& price, const std::string& size) {
  sim.post(sim.urls.sim + "/trades", {{"trader", trader},
                                      {"token_id", token_id},
                                      {"side", side},
                                      {"price", price},
                                      {"size", size}});
}

void add_fault(RunningSim& sim, const nlohmann::json& fault) {
  sim.post(sim.urls.sim + "/faults", fault);
}

void clear_faults(RunningSim& sim) {
  auto result = sim.http->del(sim.urls.sim + "/faults");
  if (!result || result->status / 100 != 2) throw std::runtime_error("DELETE /sim/faults failed");
}

}  // namespace polycopy::engine::testing
