#include "core/secret_box.hpp"

#include <sodium.h>

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace polycopy::core {
namespace {

constexpr std::string_view kPrefix = "v1:";
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

Error undecryptable() {
  return Error{"secret_undecryptable",
               "a stored secret does not open with this key (another key, or the data was "
               "altered or moved)"};
}

}  // namespace

Result<SecretBox> SecretBox::from_hex(std::string_view hex) {
  ensure_sodium();
  hex = trim(hex);
  if (hex.starts_with("0x") || hex.starts_with("0X")) hex.remove_prefix(2);
  SecretBox box;
  std::size_t length = 0;
  const char* end = nullptr;
  if (hex.size() != 64 ||
      sodium_hex2bin(box.key_.data(), box.key_.size(), hex.data(), hex.size(), nullptr, &length,
                     &end) != 0 ||
      length != box.key_.size() || end != hex.data() + hex.size())
    return Error{"invalid_secret_key", "the secrets key must be 64 hex digits (32 bytes)"};
  return box;
}

Result<SecretBox> SecretBox::from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{"secret_key_unreadable", "cannot read the secrets key file " + path};
  std::ostringstream text;
  text << in.rdbuf();
  std::string content = text.str();
  auto box = from_hex(content);
  sodium_memzero(content.data(), content.size());
  if (!box) return Error{box.error().code, box.error().message + " (in " + path + ")"};
  return box;
}

std::string SecretBox::generate_key_hex() {
  ensure_sodium();
  std::array<unsigned char, 32> key{};
  crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
  std::string hex(key.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  hex.pop_back();
  return hex;
}

SecretBox::~SecretBox() {
  sodium_memzero(key_.data(), key_.size());
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view context) const {
  std::vector<unsigned char> out(kNonceBytes + plaintext.size() + kTagBytes);
  randombytes_buf(out.data(), kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + kNonceBytes, &written, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(context.data()), context.size(),
      nullptr, out.data(), key_.data());
  std::string encoded(sodium_base64_ENCODED_LEN(out.size(), kBase64), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), out.data(), out.size(), kBase64);
  encoded.resize(std::char_traits<char>::length(encoded.c_str()));
  return std::string(kPrefix) + encoded;
}

Result<std::string> SecretBox::open(std::string_view sealed, std::string_view context) const {
  if (!sealed.starts_with(kPrefix))
    return Error{"unsupported_secret_format", "a stored secret has an unknown format"};
  sealed.remove_prefix(kPrefix.size());
  std::vector<unsigned char> raw(sealed.size());
  std::size_t length = 0;
  if (sodium_base642bin(raw.data(), raw.size(), sealed.data(), sealed.size(), nullptr, &length,
                        nullptr, kBase64) != 0 ||
      length < kNonceBytes + kTagBytes)
    return undecryptable();
  std::string plain(length - kNonceBytes - kTagBytes, '\0');
  unsigned long long plain_length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plain_length, nullptr,
          raw.data() + kNonceBytes, length - kNonceBytes,
          reinterpret_cast<const unsigned char*>(context.data()), context.size(), raw.data(),
          key_.data()) != 0)
    return undecryptable();
  plain.resize(plain_length);
  return plain;
}

}  // namespace polycopy::core
