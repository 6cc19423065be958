#include "polymarket/clients/clob_key_client.hpp"

#include "polymarket/auth/l1_auth.hpp"
#include "polymarket/clients/decode.hpp"

namespace polycopy::polymarket {
namespace {

const core::Clock& clock_or_system(const core::Clock* clock) {
  static const core::SystemClock system;
  return clock ? *clock : system;
}

}  // namespace

core::Result<ApiCredentials> parse_api_credentials(std::string_view body) {
  return decode(body, [](const parse::JsonNode& root) {
    parse::Fields f(root, "");
    ApiCredentials creds;
    creds.key = f.str({"apiKey", "api_key", "key"});
    creds.secret = f.str({"secret"});
    creds.passphrase = f.str({"passphrase"});
    if (creds.key.empty() || creds.secret.empty() || creds.passphrase.empty())
      parse::fail("missing_field", "", "empty API credential field");
    return creds;
  });
}

ClobKeyClient::ClobKeyClient(net::HttpClient& http, std::string base_url,
                             const chain::PrivateKey& key, std::uint64_t chain_id,
                             const core::Clock* clock)
    : rest_(http, std::move(base_url), "clob"),
      key_(key),
      chain_id_(chain_id),
      clock_(clock_or_system(clock)) {}

core::Result<ApiCredentials> ClobKeyClient::call(net::HttpMethod method, const char* path,
                                                 const chain::Uint256& nonce) const {
  const auto now_s = static_cast<std::uint64_t>(core::to_unix_ms(clock_.now()) / 1000);
  auto headers = l1_headers(key_, chain_id_, now_s, nonce);
  if (!headers) return headers.error();
  RestCall c;
  c.method = method;
  c.path_and_query = path;
  c.rate_bucket = "auth";
  c.headers = {{"POLY_ADDRESS", headers->poly_address},
               {"POLY_SIGNATURE", headers->poly_signature},
               {"POLY_TIMESTAMP", headers->poly_timestamp},
               {"POLY_NONCE", headers->poly_nonce}};
  // Creating a key twice is harmless (the second attempt fails and we derive), so a lost
  // answer may be retried.
  c.idempotent = true;
  auto body = rest_.call(c);
  if (!body) return body.error();
  return parse_api_credentials(*body);
}

core::Result<ApiCredentials> ClobKeyClient::create_api_key(const chain::Uint256& nonce) const {
  return call(net::HttpMethod::post, "/auth/api-key", nonce);
}

core::Result<ApiCredentials> ClobKeyClient::derive_api_key(const chain::Uint256& nonce) const {
  return call(net::HttpMethod::get, "/auth/derive-api-key", nonce);
}

core::Result<ApiCredentials> ClobKeyClient::create_or_derive_api_key(
    const chain::Uint256& nonce) const {
  auto created = create_api_key(nonce);
  if (created) return created;
  const std::string& code = created.error().code;
  if (code == "bad_request" || code == "http_status" || code == "forbidden" ||
      code == "server_error")
    return derive_api_key(nonce);
  return created;
}

}  // namespace polycopy::polymarket
