#pragma once
// The key that seals wallet secrets in the database: POLYCOPY_WALLET_KEY (64 hex digits)
// when set, else the file named by secrets.wallet_key_file. Never printed or logged.
#include "app/config.hpp"
#include "core/secret_box.hpp"

#include <optional>
#include <string>

namespace polycopy::app {

inline constexpr char kWalletKeyVariable[] = "POLYCOPY_WALLET_KEY";

// "wallet_key_missing" (neither is set), or the key's own errors.
core::Result<core::SecretBox> load_wallet_key(const Config& config, const Environment& environment);

inline constexpr char kCronSecretVariable[] = "POLYCOPY_CRON_SECRET";
// The shared secret of /api/cron/*: POLYCOPY_CRON_SECRET, else the first line of
// secrets.cron_secret_file; nullopt when neither is set (the cron routes are off). A secret
// under 16 characters is refused ("cron_secret_weak"), an unreadable file is an error.
core::Result<std::optional<std::string>> load_cron_secret(const Config& config,
                                                          const Environment& environment);

}  // namespace polycopy::app
