#pragma once
// Funds of every wallet the venue has seen: pUSD balance and allowance, shares per token,
// and what open orders hold back. A wallet appears, with the scenario's default funding and
// no shares, the first time anything asks about it.
#include <cstdint>
#include <optional>
#include <unordered_map>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "core/money.hpp"
#include "sim/venue/byte_hash.hpp"

namespace polycopy::sim {

struct TokenHolding {
  std::int64_t shares = 0;
  std::int64_t reserved = 0;  // held by open SELL orders
};

struct Wallet {
  std::int64_t collateral = 0;
  // Not consumed by fills: Polymarket users approve the maximum, so only "is it enough for
  // this order" is checked.
  std::int64_t allowance = 0;
  std::int64_t collateral_reserved = 0;  // held by open BUY orders
  std::unordered_map<chain::Uint256, TokenHolding, Uint256Hash> tokens;

  std::int64_t available_collateral() const { return collateral - collateral_reserved; }
  std::int64_t available_shares(const chain::Uint256& token) const;
};

class Wallets {
 public:
  Wallets(core::Usd default_balance, core::Usd default_allowance)
      : default_balance_(default_balance), default_allowance_(default_allowance) {}

  Wallet& get(const chain::Address& address);  // creates it if new
  const Wallet* find(const chain::Address& address) const;

  // Binds a funder (proxy, Safe or 1271 wallet) to the first EOA that signs for it; true when
  // `eoa` is that EOA.
  bool bind_signer(const chain::Address& funder, const chain::Address& eoa);
  // The funder first bound to this EOA, if any (a linear scan: balance queries are rare).
  std::optional<chain::Address> funder_of(const chain::Address& eoa) const;

 private:
  core::Usd default_balance_;
  core::Usd default_allowance_;
  std::unordered_map<chain::Address, Wallet, FixedBytesHash> wallets_;
  std::unordered_map<chain::Address, chain::Address, FixedBytesHash> signer_of_;
};

}  // namespace polycopy::sim
