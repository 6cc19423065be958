#pragma once
// The simulator's API keys (protocol doc 8.1): one per (address, nonce), derived
// deterministically from the run's seed, so deriving again gives the same credentials and
// a restarted simulator with the same seed recognises keys it gave out before.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "polymarket/auth/l2_auth.hpp"

namespace polycopy::sim {

struct ApiKeyRecord {
  polymarket::ApiCredentials credentials;
  chain::Address address;  // the EOA that created it
  chain::Uint256 nonce;
};

class ApiKeys {
 public:
  explicit ApiKeys(std::uint64_t seed) : seed_(seed) {}

  // POST /auth/api-key: nullopt when that (address, nonce) already has a key.
  std::optional<ApiKeyRecord> create(const chain::Address& address, const chain::Uint256& nonce);
  // GET /auth/derive-api-key: the key of (address, nonce), registering it if it was never
  // created in this run (it is the same key a create would give).
  ApiKeyRecord derive(const chain::Address& address, const chain::Uint256& nonce);
  std::optional<ApiKeyRecord> find(const std::string& api_key) const;
  std::vector<std::string> keys_of(const chain::Address& address) const;
  bool remove(const std::string& api_key);

 private:
  ApiKeyRecord make(const chain::Address& address, const chain::Uint256& nonce) const;

  std::uint64_t seed_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, ApiKeyRecord> by_key_;
};

}  // namespace polycopy::sim
