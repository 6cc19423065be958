#include "sim/venue/wallets.hpp"

namespace polycopy::sim {

std::int64_t Wallet::available_shares(const chain::Uint256& token) const {
  auto it = tokens.find(token);
  return it == tokens.end() ? 0 : it->second.shares - it->second.reserved;
}

Wallet& Wallets::get(const chain::Address& address) {
  auto [it, inserted] = wallets_.try_emplace(address);
  if (inserted) {
    it->second.collateral = default_balance_.micros();
    it->second.allowance = default_allowance_.micros();
  }
  return it->second;
}

const Wallet* Wallets::find(const chain::Address& address) const {
  auto it = wallets_.find(address);
  return it == wallets_.end() ? nullptr : &it->second;
}

bool Wallets::bind_signer(const chain::Address& funder, const chain::Address& eoa) {
  auto [it, inserted] = signer_of_.try_emplace(funder, eoa);
  return inserted || it->second == eoa;
}

std::optional<chain::Address> Wallets::funder_of(const chain::Address& eoa) const {
  for (const auto& [funder, signer] : signer_of_)
    if (signer == eoa) return funder;
  return std::nullopt;
}

}  // namespace polycopy::sim
