#pragma once
// Wallets of a user, behind POST/GET /api/wallets and `polycopy wallet`: the private key is
// taken once, sealed with the wallet key (core::SecretBox) and never shown again; answers
// carry the address, signature type and funder only.
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "service/strategy_service.hpp"
#include "store/store.hpp"

namespace polycopy::service {

class WalletService {
 public:
  // `box` may be null (no wallet key configured): creating a wallet then answers 503
  // "wallet_key_missing"; listing still works.
  WalletService(store::Store& store, const core::Clock& clock, const core::SecretBox* box);

  // Body {"private_key": "0x…" (required), "signature_type": 0 | 2 (default 0),
  // "funder": "0x…" (required for 2, refused for 0)}. 201 with the wallet.
  // Errors: missing_field, wrong_type, unknown_field (400); invalid_private_key,
  // unsupported_signature_type, funder_required, funder_not_allowed, invalid_address (422);
  // wallet_exists (409).
  ServiceResult create(const std::string& user_id, const nlohmann::json& body);
  ServiceResult list(const std::string& user_id);
  ServiceResult show(const std::string& user_id, const std::string& id);

 private:
  store::Store& store_;
  const core::Clock& clock_;
  const core::SecretBox* box_;
};

// The public view of a wallet: no secret, sealed or not.
nlohmann::json wallet_json(const store::Wallet& wallet);

}  // namespace polycopy::service
