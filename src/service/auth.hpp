#pragma once
// Users and bearer API keys. A key is "pc_" + 64 hex digits; only its SHA-256 is stored, and
// the plaintext is returned exactly once, when it is created.
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace polycopy::service {

struct CreatedApiKey {
  store::ApiKey record;
  std::string plaintext;  // show once; it cannot be recovered later
};

// Errors: "name_invalid" (1..100 printable characters), "user_exists", store errors.
core::Result<store::User> create_user(store::Store& store, const core::Clock& clock,
                                      std::string_view name);
// Errors: "user_not_found" (unknown user id), store errors.
core::Result<CreatedApiKey> create_api_key(store::Store& store, const core::Clock& clock,
                                           const std::string& user_id, std::string_view label);

// The user owning the key of an "Authorization: Bearer <key>" header value. Error
// "unauthorized" when the header is missing, malformed, or names no live key; other codes
// when the store fails.
core::Result<store::User> authenticate_bearer(store::Store& store, std::string_view authorization);

// A shared secret sent by a caller equals the expected one, compared in constant time (only
// the length may leak): the cron secret, the metrics token.
bool same_secret(std::string_view given, std::string_view expected);

}  // namespace polycopy::service
