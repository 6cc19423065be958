#pragma once
// CLOB API-key management with L1 (wallet) headers (protocol doc 8.1): create
// (POST /auth/api-key), derive (GET /auth/derive-api-key), and the official clients'
// create-then-derive. The returned secret and passphrase are never logged.
#include <cstdint>
#include <string>

#include "chain/private_key.hpp"
#include "chain/uint256.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "polymarket/auth/l2_auth.hpp"
#include "polymarket/clients/rest_endpoint.hpp"

namespace polycopy::polymarket {

class ClobKeyClient {
 public:
  // clock: null = system clock. The key must outlive the client.
  ClobKeyClient(net::HttpClient& http, std::string base_url, const chain::PrivateKey& key,
                std::uint64_t chain_id = 137, const core::Clock* clock = nullptr);

  core::Result<ApiCredentials> create_api_key(const chain::Uint256& nonce) const;
  core::Result<ApiCredentials> derive_api_key(const chain::Uint256& nonce) const;
  // Create; when that fails with a venue answer (the key exists), derive.
  core::Result<ApiCredentials> create_or_derive_api_key(const chain::Uint256& nonce) const;

 private:
  core::Result<ApiCredentials> call(net::HttpMethod method, const char* path,
                                    const chain::Uint256& nonce) const;

  RestEndpoint rest_;
  const chain::PrivateKey& key_;
  std::uint64_t chain_id_;
  const core::Clock& clock_;
};

// {"apiKey","secret","passphrase"} -> credentials ("missing_field" when one is absent).
core::Result<ApiCredentials> parse_api_credentials(std::string_view body);

}  // namespace polycopy::polymarket
