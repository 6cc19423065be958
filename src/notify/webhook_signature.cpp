#include "notify/webhook_signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/error.hpp"

namespace polycopy::notify {

std::string webhook_signature(std::string_view secret, std::int64_t timestamp_s,
                              std::string_view body) {
  std::string message = std::to_string(timestamp_s);
  message += '.';
  message += body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  // OpenSSL wants a non-null key pointer even when the key is empty.
  static const unsigned char kEmpty = 0;
  const void* key = secret.empty() ? static_cast<const void*>(&kEmpty) : secret.data();
  if (HMAC(EVP_sha256(), key, static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
           &mac_size) == nullptr)
    throw core::Failure("hmac_failed", "HMAC-SHA256 failed");
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(mac_size * 2);
  for (unsigned int i = 0; i < mac_size; ++i) {
    hex += kHex[mac[i] >> 4];
    hex += kHex[mac[i] & 0x0F];
  }
  return hex;
}

}  // namespace polycopy::notify
