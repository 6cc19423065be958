#pragma once
// On-chain transactions as the store keeps them: each written ahead (signed, with its raw
// bytes and hash) before it is broadcast, so a crash between the two resends the same bytes
// instead of building a second transaction; a sender's nonce is unique per chain, so
// restarts and concurrent instances never use one twice (the loser signs again). A fee bump
// replaces the broadcast (same nonce, new hash); every hash it ever had is kept for the receipt
// look.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"

namespace polycopy::store {

enum class ChainTxState { signed_, sent, confirmed, failed };
std::string_view to_string(ChainTxState state);
std::optional<ChainTxState> chain_tx_state_from_string(std::string_view text);

struct ChainTransaction {
  std::string id;  // "ctx_…"
  std::uint64_t chain_id = 0;
  std::string from_address;  // lower-case 0x…
  std::uint64_t nonce = 0;
  // What it is for, unique among live (signed, sent, confirmed) transactions:
  // "redeem:<wallet id>:<condition id>" never has two.
  std::string purpose;
  std::string to_address;
  std::string data;   // 0x… calldata
  std::string value;  // wei, decimal
  std::uint64_t gas = 0;
  std::string max_fee_per_gas, max_priority_fee_per_gas;  // wei, decimal
  ChainTxState state = ChainTxState::signed_;
  std::string tx_hash;                       // of the current broadcast
  std::string raw;                           // 0x02… signed bytes of the current broadcast
  std::vector<std::string> previous_hashes;  // replaced broadcasts (fee bumps), oldest first
  std::int64_t broadcasts = 0;
  std::optional<std::uint64_t> block_number;
  std::optional<std::string> error;  // revert reason or why it failed
  Timestamp created_at, updated_at;
  std::optional<Timestamp> sent_at;
};

}  // namespace polycopy::store
