#include "sim/http/api_keys.hpp"

#include <algorithm>
#include <array>

#include <string_view>

#include "chain/hex.hpp"
#include "chain/keccak.hpp"
#include "polymarket/auth/base64.hpp"

namespace polycopy::sim {
namespace {

// keccak256(label || seed || address || nonce): independent streams per credential part.
chain::Bytes32 derive_bytes(std::string_view label, std::uint64_t seed,
                            const chain::Address& address, const chain::Uint256& nonce) {
  chain::Bytes input(label.begin(), label.end());
  for (int i = 7; i >= 0; --i) input.push_back(static_cast<std::uint8_t>(seed >> (8 * i)));
  input.insert(input.end(), address.bytes.begin(), address.bytes.end());
  const auto& word = nonce.word();
  input.insert(input.end(), word.bytes.begin(), word.bytes.end());
  return chain::keccak256(chain::ByteView(input.data(), input.size()));
}

// A version-4 UUID text from 16 bytes.
std::string uuid_from(const chain::Bytes32& bytes) {
  std::array<std::uint8_t, 16> b{};
  std::copy_n(bytes.bytes.begin(), 16, b.begin());
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  const std::string hex = chain::to_hex(chain::ByteView(b.data(), b.size())).substr(2);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

}  // namespace

ApiKeyRecord ApiKeys::make(const chain::Address& address, const chain::Uint256& nonce) const {
  ApiKeyRecord r;
  r.address = address;
  r.nonce = nonce;
  r.credentials.key = uuid_from(derive_bytes("key", seed_, address, nonce));
  const auto secret = derive_bytes("secret", seed_, address, nonce);
  r.credentials.secret = polymarket::base64url_keep_padding(secret.view());
  r.credentials.passphrase =
      chain::to_hex(derive_bytes("passphrase", seed_, address, nonce)).substr(2);
  return r;
}

std::optional<ApiKeyRecord> ApiKeys::create(const chain::Address& address,
                                            const chain::Uint256& nonce) {
  ApiKeyRecord r = make(address, nonce);
  std::lock_guard lock(mutex_);
  if (!by_key_.emplace(r.credentials.key, r).second) return std::nullopt;
  return r;
}

ApiKeyRecord ApiKeys::derive(const chain::Address& address, const chain::Uint256& nonce) {
  ApiKeyRecord r = make(address, nonce);
  std::lock_guard lock(mutex_);
  by_key_.emplace(r.credentials.key, r);
  return r;
}

std::optional<ApiKeyRecord> ApiKeys::find(const std::string& api_key) const {
  std::lock_guard lock(mutex_);
  const auto it = by_key_.find(api_key);
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> ApiKeys::keys_of(const chain::Address& address) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [key, record] : by_key_)
    if (record.address == address) out.push_back(key);
  return out;
}

bool ApiKeys::remove(const std::string& api_key) {
  std::lock_guard lock(mutex_);
  return by_key_.erase(api_key) > 0;
}

}  // namespace polycopy::sim
