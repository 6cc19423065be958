#include "engine/wallet_access.hpp"

#include "chain/hex.hpp"
#include "core/log.hpp"
#include "polymarket/clients/clob_key_client.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::engine {

using store::wallet_secret_context;

WalletAccess::WalletAccess(store::Store& store, const core::SecretBox& box, net::HttpClient& http,
                           std::string clob_url, const core::Clock& clock, std::uint64_t chain_id)
    : store_(store),
      box_(box),
      http_(http),
      clob_url_(std::move(clob_url)),
      clock_(clock),
      chain_id_(chain_id) {}

core::Result<chain::PrivateKey> WalletAccess::signing_key(const store::Wallet& wallet) {
  if (!wallet.encrypted_private_key)
    return core::Error{"wallet_key_absent", "wallet " + wallet.id + " has no stored key"};
  std::lock_guard lock(keys_mutex_);
  if (const auto opened = keys_.find(wallet.id);
      opened != keys_.end() && opened->second.sealed == *wallet.encrypted_private_key &&
      opened->second.address == wallet.address)
    return opened->second.key;
  auto hex = box_.open(*wallet.encrypted_private_key,
                       wallet_secret_context(wallet.id, store::kPrivateKeySecret));
  if (!hex) return hex.error();
  core::register_secret(*hex);
  auto key = chain::PrivateKey::parse(*hex);
  if (!key) return key.error();
  if (chain::to_hex(key->address()) != wallet.address)
    return core::Error{"wallet_key_mismatch", "the stored key of wallet " + wallet.id +
                                                  " does not sign for " + wallet.address};
  keys_.insert_or_assign(wallet.id, OpenedKey{*wallet.encrypted_private_key, wallet.address, *key});
  return key;
}

core::Result<polymarket::L2Identity> WalletAccess::trading_identity(const store::Wallet& wallet) {
  if (wallet.api_key && wallet.api_secret_sealed && wallet.api_passphrase_sealed) {
    auto secret = box_.open(*wallet.api_secret_sealed,
                            wallet_secret_context(wallet.id, store::kApiSecretSecret));
    if (!secret) return secret.error();
    auto passphrase = box_.open(*wallet.api_passphrase_sealed,
                                wallet_secret_context(wallet.id, store::kApiPassphraseSecret));
    if (!passphrase) return passphrase.error();
    core::register_secret(*secret);
    core::register_secret(*passphrase);
    return polymarket::L2Identity{wallet.address, {*wallet.api_key, *secret, *passphrase}};
  }
  auto key = signing_key(wallet);
  if (!key) return key.error();
  polymarket::ClobKeyClient keys(http_, clob_url_, *key, chain_id_, &clock_);
  auto credentials = keys.create_or_derive_api_key(chain::Uint256{});
  if (!credentials) return credentials.error();
  core::register_secret(credentials->secret);
  core::register_secret(credentials->passphrase);
  if (auto cached = store_.set_wallet_api_credentials(
          wallet.id, credentials->key,
          box_.seal(credentials->secret, wallet_secret_context(wallet.id, store::kApiSecretSecret)),
          box_.seal(credentials->passphrase,
                    wallet_secret_context(wallet.id, store::kApiPassphraseSecret)),
          clock_.now());
      !cached)
    return cached.error();
  return polymarket::L2Identity{wallet.address, *credentials};
}

}  // namespace polycopy::engine
