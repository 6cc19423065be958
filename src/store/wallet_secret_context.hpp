#pragma once
// The context each sealed wallet secret is bound to (core::SecretBox associated data): the
// wallet id and which secret, so a sealed value moved to another row or column never opens.
#include <string>
#include <string_view>

namespace polycopy::store {

inline constexpr std::string_view kPrivateKeySecret = "private_key";
inline constexpr std::string_view kApiSecretSecret = "api_secret";
inline constexpr std::string_view kApiPassphraseSecret = "api_passphrase";

inline std::string wallet_secret_context(const std::string& wallet_id, std::string_view secret) {
  return "wallet:" + wallet_id + ":" + std::string(secret);
}

}  // namespace polycopy::store
