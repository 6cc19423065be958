#include "sim/venue/data_ledger.hpp"

#include <algorithm>

#include "core/money.hpp"

namespace polycopy::sim {

namespace {

std::int64_t unrealized(const PositionState& position, const Mark& mark) {
  if (position.size <= 0) return 0;
  return core::mul_div(position.size, mark.price_micros, core::kMicrosPerUnit,
                       core::Rounding::down) -
         position.cost;
}

core::Price average_price(const PositionState& position) {
  if (position.size <= 0) return core::Price{};
  const std::int64_t micros =
      core::mul_div(position.cost, core::kMicrosPerUnit, position.size, core::Rounding::nearest);
  return core::Price::from_micros(std::clamp<std::int64_t>(micros, 0, core::kMicrosPerUnit))
      .value();
}

}  // namespace

PositionState& DataLedger::position(Account& account, const DataTradeRow& row) {
  auto [it, inserted] = account.position_of.try_emplace(row.token_id, account.positions.size());
  if (inserted) {
    PositionState fresh;
    fresh.condition_id = row.condition_id;
    fresh.token_id = row.token_id;
    fresh.outcome_index = row.outcome_index;
    account.positions.push_back(fresh);
  }
  return account.positions[it->second];
}

void DataLedger::record(const DataTradeRow& row, std::int64_t usd) {
  Account& account = accounts_[row.wallet];
  PositionState& held = position(account, row);
  const std::int64_t size = row.size.micros();
  std::int64_t realized = 0;
  if (row.side == polymarket::Side::buy) {
    held.size += size;
    held.cost += usd;
    held.total_bought += usd;
  } else if (held.size > 0 && size > 0) {
    const std::int64_t sold = std::min(size, held.size);
    const std::int64_t proceeds =
        sold == size ? usd : core::mul_div(usd, sold, size, core::Rounding::down);
    const std::int64_t cost_out =
        sold == held.size ? held.cost
                          : core::mul_div(held.cost, sold, held.size, core::Rounding::nearest);
    realized = proceeds - cost_out;
    held.size -= sold;
    held.cost -= cost_out;
    held.realized += realized;
  }
  account.rows.push_back(Row{row, usd, realized});
}

std::vector<DataTradeRow> DataLedger::trades(const chain::Address& wallet,
                                             std::optional<polymarket::Side> side,
                                             std::optional<chain::Bytes32> market) const {
  std::vector<DataTradeRow> out;
  auto it = accounts_.find(wallet);
  if (it == accounts_.end()) return out;
  for (auto row = it->second.rows.rbegin(); row != it->second.rows.rend(); ++row) {
    if (side && row->row.side != *side) continue;
    if (market && row->row.condition_id != *market) continue;
    out.push_back(row->row);
  }
  // Rows are appended as they happen; the stable sort only matters if the clock was set back.
  std::stable_sort(out.begin(), out.end(),
                   [](const DataTradeRow& a, const DataTradeRow& b) { return a.at > b.at; });
  return out;
}

std::vector<PositionRow> DataLedger::positions(const chain::Address& wallet,
                                               const MarkOf& mark_of) const {
  std::vector<PositionRow> out;
  auto it = accounts_.find(wallet);
  if (it == accounts_.end()) return out;
  for (const PositionState& held : it->second.positions) {
    if (held.size <= 0) continue;
    const Mark mark = mark_of(held.token_id);
    PositionRow row;
    row.wallet = wallet;
    row.condition_id = held.condition_id;
    row.token_id = held.token_id;
    row.outcome_index = held.outcome_index;
    row.size = core::Shares::from_micros(held.size);
    row.avg_price = average_price(held);
    row.total_bought = core::Usd::from_micros(held.total_bought);
    row.realized_pnl = core::Usd::from_micros(held.realized);
    row.current_price = core::Price::from_micros(mark.price_micros).value();
    row.redeemable = mark.redeemable;
    out.push_back(row);
  }
  return out;
}

std::vector<LeaderboardRow> DataLedger::leaderboard(
    std::optional<core::Timestamp> since, LeaderboardOrder order, const MarkOf& mark_of,
    const std::function<std::string(const chain::Address&)>& name_of) const {
  std::vector<LeaderboardRow> out;
  out.reserve(accounts_.size());
  for (const auto& [wallet, account] : accounts_) {
    if (account.rows.empty()) continue;
    std::int64_t volume = 0;
    std::int64_t pnl = 0;
    for (const Row& row : account.rows) {
      if (since && row.row.at <= *since) continue;
      volume += row.usd;
      pnl += row.realized;
    }
    for (const PositionState& held : account.positions)
      pnl += unrealized(held, mark_of(held.token_id));
    LeaderboardRow entry;
    entry.wallet = wallet;
    entry.name = name_of(wallet);
    entry.volume = core::Usd::from_micros(volume);
    entry.pnl = core::Usd::from_micros(pnl);
    out.push_back(std::move(entry));
  }
  const auto key = [order](const LeaderboardRow& row) {
    return order == LeaderboardOrder::pnl ? row.pnl : row.volume;
  };
  std::sort(out.begin(), out.end(), [&key](const LeaderboardRow& a, const LeaderboardRow& b) {
    if (key(a) != key(b)) return key(a) > key(b);
    return a.wallet < b.wallet;  // a stable, repeatable order for ties
  });
  for (std::size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i + 1);
  return out;
}

}  // namespace polycopy::sim
