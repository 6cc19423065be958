#include "app/wallet_key.hpp"

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

}  // namespace polycopy::app
