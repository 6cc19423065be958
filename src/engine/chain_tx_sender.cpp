#include "engine/chain_tx_sender.hpp"

#include <algorithm>
#include <limits>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "core/ids.hpp"

namespace polycopy::engine {
namespace {

chain::Uint256 times_percent(const chain::Uint256& value, std::int64_t percent) {
  // Fees are far below 2^64 wei on any chain this runs on; larger values are kept as they are.
  const auto small = value.to_u64();
  if (!small) return value;
  const unsigned __int128 scaled =
      static_cast<unsigned __int128>(*small) * static_cast<unsigned __int128>(percent) / 100;
  if (scaled > std::numeric_limits<std::uint64_t>::max()) return value;
  return chain::Uint256(static_cast<std::uint64_t>(scaled));
}

chain::Uint256 plus(const chain::Uint256& a, const chain::Uint256& b) {
  const auto x = a.to_u64(), y = b.to_u64();
  if (!x || !y || *x > std::numeric_limits<std::uint64_t>::max() - *y) return a;
  return chain::Uint256(*x + *y);
}

// Answers that say the node has these bytes (or their nonce is used): the broadcast happened.
bool already_broadcast(const core::Error& error) {
  if (error.code != "rpc_error") return false;
  for (const char* text :
       {"already known", "known transaction", "nonce too low", "correct nonce", "already imported"})
    if (error.message.find(text) != std::string::npos) return true;
  return false;
}

chain::Eip1559Transaction transaction_of(const store::ChainTransaction& tx) {
  chain::Eip1559Transaction out;
  out.chain_id = tx.chain_id;
  out.nonce = tx.nonce;
  out.max_priority_fee_per_gas = chain::Uint256::parse_decimal(tx.max_priority_fee_per_gas).value();
  out.max_fee_per_gas = chain::Uint256::parse_decimal(tx.max_fee_per_gas).value();
  out.gas = tx.gas;
  out.to = chain::parse_address(tx.to_address).value();
  out.value = chain::Uint256::parse_decimal(tx.value).value();
  out.data = chain::parse_hex(tx.data).value();
  return out;
}

}  // namespace

ChainTxSender::ChainTxSender(store::Store& store, chain::EthClient& eth, const core::Clock& clock,
                             TxSenderOptions options)
    : store_(store), eth_(eth), clock_(clock), options_(options) {}

core::Status ChainTxSender::check_chain() {
  if (chain_checked_) return {};
  auto id = eth_.chain_id();
  if (!id) return id.error();
  if (*id != options_.chain_id)
    return core::Error{"wrong_chain", "the node serves chain " + std::to_string(*id) +
                                          ", configured: " + std::to_string(options_.chain_id)};
  chain_checked_ = true;
  return {};
}

core::Result<store::ChainTransaction> ChainTxSender::submit(const std::string& purpose,
                                                            const chain::Address& to,
                                                            const chain::Bytes& data,
                                                            const chain::PrivateKey& key) {
  auto live = store_.find_live_chain_transaction(purpose);
  if (!live) return live.error();
  if (*live) return **live;
  if (auto checked = check_chain(); !checked) return checked.error();

  const chain::Address from = key.address();
  auto gas = eth_.estimate_gas(chain::CallRequest{from, to, data, std::nullopt, std::nullopt});
  if (!gas) return gas.error();
  auto priority = eth_.max_priority_fee_per_gas();
  if (!priority) return priority.error();
  auto history = eth_.fee_history(1, {});
  if (!history) return history.error();
  if (history->base_fee_per_gas.empty())
    return core::Error{"invalid_rpc_response", "eth_feeHistory: no base fee"};
  const chain::Uint256 next_base = history->base_fee_per_gas.back();

  chain::Eip1559Transaction tx;
  tx.chain_id = options_.chain_id;
  tx.max_priority_fee_per_gas = *priority;
  tx.max_fee_per_gas = plus(times_percent(next_base, 200), *priority);
  tx.gas = *gas + *gas * static_cast<std::uint64_t>(options_.gas_margin_percent) / 100;
  tx.to = to;
  tx.data = data;

  store::ChainTransaction record;
  record.id = core::new_id("ctx", clock_);
  record.chain_id = tx.chain_id;
  record.from_address = chain::to_hex(from);
  record.purpose = purpose;
  record.to_address = chain::to_hex(to);
  record.data = chain::to_hex(data);
  record.value = "0";
  record.gas = tx.gas;
  record.max_fee_per_gas = tx.max_fee_per_gas.to_decimal();
  record.max_priority_fee_per_gas = tx.max_priority_fee_per_gas.to_decimal();
  record.created_at = clock_.now();
  // Another instance may take the same nonce between the read and the write: sign again.
  for (int attempt = 0;; ++attempt) {
    auto chain_next = eth_.transaction_count(from, "pending");
    if (!chain_next) return chain_next.error();
    auto nonce = store_.next_nonce(tx.chain_id, record.from_address, *chain_next);
    if (!nonce) return nonce.error();
    tx.nonce = *nonce;
    const auto signed_tx = chain::sign_transaction(tx, key);
    record.nonce = tx.nonce;
    record.tx_hash = chain::to_hex(signed_tx.hash);
    record.raw = chain::to_hex(signed_tx.raw);
    auto written = store_.insert_chain_transaction(record);
    if (written) break;
    if (written.error().code == "conflict") {  // another instance submitted this purpose
      auto other = store_.find_live_chain_transaction(purpose);
      if (!other) return other.error();
      if (*other) return **other;
    }
    if (written.error().code != "nonce_taken" || attempt >= 5) return written.error();
  }
  (void)broadcast(record);  // a lost broadcast is sent again by advance()
  return reload(record.id);
}

core::Status ChainTxSender::broadcast(const store::ChainTransaction& tx) {
  const auto raw = chain::parse_hex(tx.raw);
  if (!raw) return raw.error();
  auto sent = eth_.send_raw_transaction(*raw);
  if (!sent && !already_broadcast(sent.error())) return sent.error();
  return store_.mark_chain_transaction_sent(tx.id, clock_.now());
}

core::Result<store::ChainTransaction> ChainTxSender::reload(const std::string& id) {
  auto tx = store_.find_chain_transaction(id);
  if (!tx) return tx.error();
  if (!*tx) return core::Error{"not_found", "no chain transaction '" + id + "'"};
  return std::move(**tx);
}

core::Result<store::ChainTransaction> ChainTxSender::advance(const std::string& tx_id,
                                                             const chain::PrivateKey& key) {
  auto tx = reload(tx_id);
  if (!tx) return tx.error();
  if (tx->state == store::ChainTxState::confirmed || tx->state == store::ChainTxState::failed)
    return tx;
  // A receipt for any hash it ever had: an earlier broadcast may be the one mined.
  std::vector<std::string> hashes = tx->previous_hashes;
  hashes.push_back(tx->tx_hash);
  for (const auto& hash : hashes) {
    auto receipt = eth_.transaction_receipt(chain::parse_bytes32(hash).value());
    if (!receipt) return receipt.error();
    if (!*receipt) continue;
    auto head = eth_.block_number();
    if (!head) return head.error();
    const auto& r = **receipt;
    if (*head + 1 < r.block_number + options_.confirmations) return tx;  // not deep enough
    std::optional<std::string> reason;
    if (!r.success) {
      // Replayed where it ran for the reason; a node that cannot tell leaves a plain one.
      const auto data = chain::parse_hex(tx->data).value();
      auto replay = eth_.call(chain::CallRequest{chain::parse_address(tx->from_address).value(),
                                                 chain::parse_address(tx->to_address).value(), data,
                                                 std::nullopt, tx->gas},
                              chain::Uint256(r.block_number).to_hex());
      reason = replay ? std::string("reverted (no reason on replay)") : replay.error().message;
    }
    auto finished = store_.finish_chain_transaction(
        tx->id, r.success ? store::ChainTxState::confirmed : store::ChainTxState::failed, hash,
        r.block_number, reason, clock_.now());
    if (!finished) return finished.error();
    return reload(tx_id);
  }
  // Not mined: sent (again) while signed; re-priced once it has waited bump_after (pending,
  // or refused by the node, e.g. under the base fee).
  if (tx->state == store::ChainTxState::signed_)
    if (auto sent = broadcast(*tx); sent) return reload(tx_id);
  const core::Timestamp since = tx->sent_at.value_or(tx->created_at);
  if (clock_.now() - since >= options_.bump_after) return bump(*tx, key);
  return tx;
}

core::Result<store::ChainTransaction> ChainTxSender::bump(const store::ChainTransaction& tx,
                                                          const chain::PrivateKey& key) {
  if (chain::to_hex(key.address()) != tx.from_address)
    return core::Error{"wrong_key", "transaction " + tx.id + " is from " + tx.from_address};
  auto priority = eth_.max_priority_fee_per_gas();
  if (!priority) return priority.error();
  auto history = eth_.fee_history(1, {});
  if (!history) return history.error();
  chain::Eip1559Transaction next = transaction_of(tx);
  const auto raised = [&](const chain::Uint256& old) {
    return times_percent(old, 100 + options_.bump_percent);
  };
  next.max_priority_fee_per_gas = std::max(raised(next.max_priority_fee_per_gas), *priority);
  const chain::Uint256 market = history->base_fee_per_gas.empty()
                                    ? chain::Uint256{}
                                    : plus(times_percent(history->base_fee_per_gas.back(), 200),
                                           next.max_priority_fee_per_gas);
  next.max_fee_per_gas = std::max(raised(next.max_fee_per_gas), market);
  const auto signed_tx = chain::sign_transaction(next, key);
  auto replaced = store_.replace_chain_broadcast(
      tx.id, chain::to_hex(signed_tx.hash), chain::to_hex(signed_tx.raw),
      next.max_fee_per_gas.to_decimal(), next.max_priority_fee_per_gas.to_decimal(), clock_.now());
  if (!replaced) return replaced.error();
  auto current = reload(tx.id);
  if (!current) return current.error();
  (void)broadcast(*current);
  return reload(tx.id);
}

}  // namespace polycopy::engine
