#pragma once
// The key that seals wallet secrets in the database: POLYCOPY_WALLET_KEY (64 hex digits)
// when set, else the file named by secrets.wallet_key_file. Never printed or logged.
#include "app/config.hpp"
#include "core/secret_box.hpp"

namespace polycopy::app {

inline constexpr char kWalletKeyVariable[] = "POLYCOPY_WALLET_KEY";

// "wallet_key_missing" (neither is set), or the key's own errors.
core::Result<core::SecretBox> load_wallet_key(const Config& config, const Environment& environment);

}  // namespace polycopy::app
