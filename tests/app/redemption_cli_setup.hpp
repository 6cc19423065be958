#pragma once
// The database and configuration the redemption CLI tests share: a SQLite file whose LT
// strategy lt_a (wallet 0 of the local EVM, sealed with kRedemptionWalletKey) holds a Yes
// position of market 1 that the chain and the store both resolved as won, and the [chain]
// section pointing at the local EVM.
#include <string>

#include "engine/local_evm.hpp"

namespace polycopy::test {

inline const std::string kRedemptionWalletKey(64, '7');

// Creates and migrates the database at `db_path`; the market's condition id.
std::string settled_winner_database(const std::string& db_path,
                                    const engine::testing::LocalEvm& evm, std::int64_t shares);
// "[chain]\n..." with the EVM's node and contracts (the CTF stands in for the adapter).
std::string local_chain_section(const engine::testing::LocalEvm& evm);

}  // namespace polycopy::test
