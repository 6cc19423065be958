#include "polymarket/auth/l2_auth.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "polymarket/auth/base64.hpp"

namespace polycopy::polymarket {

core::Result<std::string> l2_signature(std::string_view secret, const L2Request& request) {
  const core::Error bad{"invalid_secret", "the API secret is empty or not base64"};
  if (secret.empty()) return bad;
  const auto key = decode_api_secret(secret);
  if (!key) return bad;
  std::string message = std::to_string(request.timestamp_s);
  message += request.method;
  message += request.path;
  if (request.body) message += *request.body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  // An empty key is fine for HMAC; OpenSSL wants a non-null pointer.
  static const unsigned char kEmpty = 0;
  if (HMAC(EVP_sha256(), key->empty() ? &kEmpty : key->data(), static_cast<int>(key->size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
           &mac_size) == nullptr) {
    return core::Error{"hmac_failed", "HMAC-SHA256 failed"};
  }
  return base64url_keep_padding(chain::ByteView(mac, mac_size));
}

core::Result<L2Headers> l2_headers(std::string_view address, const ApiCredentials& credentials,
                                   const L2Request& request) {
  auto signature = l2_signature(credentials.secret, request);
  if (!signature) return signature.error();
  return L2Headers{std::string(address), std::move(signature).value(),
                   std::to_string(request.timestamp_s), credentials.key, credentials.passphrase};
}

}  // namespace polycopy::polymarket
