#include "app/wallet_key.hpp"

#include <fstream>

namespace polycopy::app {

core::Result<core::SecretBox> load_wallet_key(const Config& config,
                                              const Environment& environment) {
  if (const auto found = environment.find(kWalletKeyVariable);
      found != environment.end() && !found->second.empty()) {
    auto box = core::SecretBox::from_hex(found->second);
    if (!box)
      return core::Error{box.error().code, box.error().message + " (" + kWalletKeyVariable + ")"};
    return box;
  }
  if (!config.secrets.wallet_key_file.empty())
    return core::SecretBox::from_file(config.secrets.wallet_key_file);
  return core::Error{"wallet_key_missing",
                     std::string("wallet secrets need a key: set ") + kWalletKeyVariable +
                         " (64 hex digits; `polycopy wallet keygen` makes one) or "
                         "secrets.wallet_key_file"};
}

core::Result<std::optional<std::string>> load_cron_secret(const Config& config,
                                                          const Environment& environment) {
  std::string secret, origin;
  if (const auto found = environment.find(kCronSecretVariable);
      found != environment.end() && !found->second.empty()) {
    secret = found->second;
    origin = kCronSecretVariable;
  } else if (!config.secrets.cron_secret_file.empty()) {
    std::ifstream file(config.secrets.cron_secret_file);
    if (!file || !std::getline(file, secret))
      return core::Error{"cron_secret_unreadable",
                         "cannot read secrets.cron_secret_file " + config.secrets.cron_secret_file};
    while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
    origin = "secrets.cron_secret_file";
  } else {
    return std::optional<std::string>{};
  }
  if (secret.size() < 16)
    return core::Error{"cron_secret_weak",
                       origin + ": the cron secret needs 16 characters or more"};
  return std::optional<std::string>{std::move(secret)};
}

}  // namespace polycopy::app
