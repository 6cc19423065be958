#include "service/auth.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>

#include "core/ids.hpp"

namespace polycopy::service {
namespace {

constexpr std::string_view kKeyPrefix = "pc_";
constexpr std::size_t kKeyRandomBytes = 32;
constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kMaxKeyChars = 256;

bool is_printable_name(std::string_view name) {
  return !name.empty() && name.size() <= kMaxNameChars &&
         std::none_of(name.begin(), name.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }) &&
         name.front() != ' ' && name.back() != ' ';
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

core::Error unauthorized(std::string message) {
  return {"unauthorized", std::move(message)};
}

}  // namespace

core::Result<store::User> create_user(store::Store& store, const core::Clock& clock,
                                      std::string_view name) {
  if (!is_printable_name(name))
    return core::Error{"name_invalid",
                       "user name must be 1 to 100 printable characters without surrounding "
                       "spaces"};
  auto existing = store.find_user_by_name(std::string(name));
  if (!existing) return existing.error();
  if (*existing) return core::Error{"user_exists", "a user named " + std::string(name) + " exists"};
  store::User user{core::new_id("usr", clock), std::string(name), clock.now()};
  if (auto inserted = store.insert_user(user); !inserted) {
    if (inserted.error().code == "conflict")
      return core::Error{"user_exists", "a user named " + std::string(name) + " exists"};
    return inserted.error();
  }
  return user;
}

core::Result<CreatedApiKey> create_api_key(store::Store& store, const core::Clock& clock,
                                           const std::string& user_id, std::string_view label) {
  CreatedApiKey created;
  created.plaintext = std::string(kKeyPrefix) + core::random_hex(kKeyRandomBytes);
  created.record =
      store::ApiKey{core::new_id("key", clock), user_id,     core::sha256_hex(created.plaintext),
                    std::string(label),         clock.now(), std::nullopt};
  if (auto inserted = store.insert_api_key(created.record); !inserted) {
    if (inserted.error().code == "foreign_key" || inserted.error().code == "not_found")
      return core::Error{"user_not_found", "no user with id " + user_id};
    return inserted.error();
  }
  return created;
}

core::Result<store::User> authenticate_bearer(store::Store& store, std::string_view authorization) {
  if (authorization.empty()) return unauthorized("missing Authorization: Bearer <api key> header");
  const auto space = authorization.find(' ');
  if (space == std::string_view::npos || !iequals(authorization.substr(0, space), "Bearer"))
    return unauthorized("the Authorization header must be: Bearer <api key>");
  std::string_view key = authorization.substr(space + 1);
  while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  if (key.empty() || key.size() > kMaxKeyChars) return unauthorized("invalid API key");
  auto user = store.find_user_by_api_key_hash(core::sha256_hex(key));
  if (!user) return user.error();
  if (!*user) return unauthorized("invalid API key");
  return **user;
}

bool same_secret(std::string_view given, std::string_view expected) {
  return given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

}  // namespace polycopy::service
