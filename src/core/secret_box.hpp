#pragma once
// Secrets at rest (libsodium XChaCha20-Poly1305 AEAD). A 32-byte key seals small secrets
// (wallet private keys, CLOB API secrets) for the database. Each sealed text is bound to a
// context (for example "wallet:<id>:private_key") passed as associated data: copied to
// another row it no longer opens. Sealed form: "v1:" + base64(24-byte nonce || ciphertext).
#include <array>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace polycopy::core {

class SecretBox {
 public:
  // 64 hex digits ("0x" optional, surrounding whitespace ignored). "invalid_secret_key";
  // the message never repeats the input.
  static Result<SecretBox> from_hex(std::string_view hex);
  // A file holding the hex key. "secret_key_unreadable" / "invalid_secret_key".
  static Result<SecretBox> from_file(const std::string& path);
  // A fresh random key, as 64 lower-case hex digits.
  static std::string generate_key_hex();

  SecretBox(const SecretBox& other) = default;
  SecretBox& operator=(const SecretBox& other) = default;
  ~SecretBox();

  std::string seal(std::string_view plaintext, std::string_view context) const;
  // "secret_undecryptable" when the text is malformed, the key is another, or the context
  // differs; "unsupported_secret_format" for an unknown version prefix.
  Result<std::string> open(std::string_view sealed, std::string_view context) const;

 private:
  SecretBox() = default;
  std::array<unsigned char, 32> key_{};
};

}  // namespace polycopy::core
