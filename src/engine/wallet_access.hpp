#pragma once
// What the live side needs from a wallet, opened only in memory: its signing key (unsealed
// with the wallet key) and its CLOB L2 identity. API credentials are derived once with L1
// auth (create, or derive when the key exists) and cached sealed in the store. An unsealed
// key is kept in memory for the next order of the same wallet (the wallet key that unseals
// it is in memory anyway), as long as the sealed key and the address stay the same.
#include <map>
#include <mutex>
#include <string>

#include "chain/private_key.hpp"
#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "net/http_client.hpp"
#include "polymarket/clients/clob_trading_client.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

class WalletAccess {
 public:
  // All must outlive this object.
  WalletAccess(store::Store& store, const core::SecretBox& box, net::HttpClient& http,
               std::string clob_url, const core::Clock& clock, std::uint64_t chain_id = 137);

  // "wallet_key_absent" (no sealed key stored), "secret_undecryptable" (another wallet key,
  // or the row was altered), "wallet_key_mismatch" (the key does not sign for the stored
  // address).
  core::Result<chain::PrivateKey> signing_key(const store::Wallet& wallet);

  // Cached credentials, or derived now from the venue and cached. Venue errors pass through.
  core::Result<polymarket::L2Identity> trading_identity(const store::Wallet& wallet);

 private:
  store::Store& store_;
  const core::SecretBox& box_;
  net::HttpClient& http_;
  std::string clob_url_;
  const core::Clock& clock_;
  std::uint64_t chain_id_;

  struct OpenedKey {
    std::string sealed, address;
    chain::PrivateKey key;
  };
  std::mutex keys_mutex_;
  std::map<std::string, OpenedKey> keys_;  // by wallet id
};

}  // namespace polycopy::engine
