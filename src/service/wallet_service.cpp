#include "service/wallet_service.hpp"

#include "chain/hex.hpp"
#include "chain/private_key.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "service/time_format.hpp"
#include "store/wallet_secret_context.hpp"
#include "strategy/params_validation.hpp"

namespace polycopy::service {
namespace {

using core::Error;
using nlohmann::json;

core::Result<std::string> text_field(const json& body, const char* name) {
  const auto found = body.find(name);
  if (found == body.end()) return Error{"missing_field", std::string(name) + " is required"};
  if (!found->is_string()) return Error{"wrong_type", std::string(name) + " must be a string"};
  return found->get<std::string>();
}

struct WalletInput {
  std::string private_key;
  std::int64_t signature_type = 0;
  std::optional<std::string> funder;
};

core::Result<WalletInput> read_input(const json& body) {
  if (!body.is_object()) return Error{"wrong_type", "the body must be a JSON object"};
  for (const auto& [key, value] : body.items())
    if (key != "private_key" && key != "signature_type" && key != "funder")
      return Error{"unknown_field", "unknown field " + key};
  WalletInput input;
  auto key = text_field(body, "private_key");
  if (!key) return key.error();
  input.private_key = *key;
  // Registered at once: should anything log the key, the log shows it redacted.
  core::register_secret(input.private_key);
  if (const auto type = body.find("signature_type"); type != body.end()) {
    if (!type->is_number_integer())
      return Error{"wrong_type", "signature_type must be an integer (0 or 2)"};
    input.signature_type = type->get<std::int64_t>();
  }
  if (input.signature_type != 0 && input.signature_type != 2)
    return Error{"unsupported_signature_type",
                 "signature_type must be 0 (the key's own address trades) or 2 (a Gnosis safe "
                 "funder)"};
  if (const auto funder = body.find("funder"); funder != body.end() && !funder->is_null()) {
    if (!funder->is_string()) return Error{"wrong_type", "funder must be a string"};
    auto address = strategy::normalize_address(funder->get<std::string>(), "funder");
    if (!address) return address.error();
    input.funder = *address;
  }
  if (input.signature_type == 2 && !input.funder)
    return Error{"funder_required", "signature_type 2 needs the funder (the safe's address)"};
  if (input.signature_type == 0 && input.funder)
    return Error{"funder_not_allowed", "signature_type 0 trades from the key's own address"};
  return input;
}

ServiceResult ok(int status, json body) {
  return ServiceResult{status, std::move(body)};
}

}  // namespace

json wallet_json(const store::Wallet& wallet) {
  return {{"id", wallet.id},
          {"address", wallet.address},
          {"signature_type", wallet.signature_type},
          {"funder", wallet.funder ? json(*wallet.funder) : json(nullptr)},
          {"created_at", format_iso8601(wallet.created_at)},
          {"api_credentials_at", wallet.api_credentials_at
                                     ? json(format_iso8601(*wallet.api_credentials_at))
                                     : json(nullptr)}};
}

WalletService::WalletService(store::Store& store, const core::Clock& clock,
                             const core::SecretBox* box)
    : store_(store), clock_(clock), box_(box) {}

ServiceResult WalletService::create(const std::string& user_id, const json& body) {
  auto input = read_input(body);
  if (!input) return error_result(input.error());
  auto key = chain::PrivateKey::parse(input->private_key);
  if (!key) return error_result(key.error());
  if (!box_)
    return ok(503, {{"error",
                     {{"code", "wallet_key_missing"},
                      {"message",
                       "the server has no wallet key (POLYCOPY_WALLET_KEY or "
                       "secrets.wallet_key_file): wallets cannot be stored"}}}});
  const std::string address = chain::to_hex(key->address());
  auto existing = store_.list_wallets(user_id);
  if (!existing) return error_result(existing.error());
  for (const auto& wallet : *existing)
    if (wallet.address == address)
      return error_result(Error{
          "wallet_exists", "you already have wallet " + wallet.id + " for address " + address});
  store::Wallet wallet;
  wallet.id = core::new_id("wal", clock_);
  wallet.user_id = user_id;
  wallet.address = address;
  wallet.signature_type = input->signature_type;
  wallet.funder = input->funder;
  wallet.encrypted_private_key = box_->seal(
      input->private_key, store::wallet_secret_context(wallet.id, store::kPrivateKeySecret));
  wallet.created_at = clock_.now();
  if (auto stored = store_.insert_wallet(wallet); !stored) return error_result(stored.error());
  return ok(201, wallet_json(wallet));
}

ServiceResult WalletService::list(const std::string& user_id) {
  auto wallets = store_.list_wallets(user_id);
  if (!wallets) return error_result(wallets.error());
  json items = json::array();
  for (const auto& wallet : *wallets) items.push_back(wallet_json(wallet));
  return ok(200, {{"wallets", std::move(items)}});
}

ServiceResult WalletService::show(const std::string& user_id, const std::string& id) {
  auto wallet = store_.get_wallet(user_id, id);
  if (!wallet) return error_result(wallet.error());
  // 404 here (a wallet named inside a strategy body that does not exist is a 422).
  if (!*wallet)
    return ok(404,
              {{"error", {{"code", "wallet_not_found"}, {"message", "no wallet with id " + id}}}});
  return ok(200, wallet_json(**wallet));
}

}  // namespace polycopy::service
