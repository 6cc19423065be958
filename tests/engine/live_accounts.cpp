// The accounts half of live_setup.hpp (user, wallet, FT/LT pair): no simulator needed, so
// the CLI tests link it too.
#include <gtest/gtest.h>

#include "chain/hex.hpp"
#include "chain/private_key.hpp"
#include "engine/live_setup.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::engine::testing {

void store_user(store::Store& store, core::Timestamp now) {
  EXPECT_TRUE(store.insert_user({"usr_a", "alice", now}).ok());
}

store::Wallet store_wallet(store::Store& store, const core::SecretBox& box,
                           const std::string& private_key, core::Timestamp now) {
  store::Wallet wallet;
  wallet.id = "wal_1";
  wallet.user_id = "usr_a";
  wallet.address = chain::to_hex(chain::PrivateKey::parse(private_key).value().address());
  wallet.encrypted_private_key =
      box.seal(private_key, store::wallet_secret_context("wal_1", store::kPrivateKeySecret));
  wallet.created_at = now;
  EXPECT_TRUE(store.insert_wallet(wallet).ok());
  return store.find_wallet("wal_1").value().value();
}

store::LtStrategy live_strategy(const std::string& id, const std::string& name,
                                core::Timestamp now) {
  store::LtStrategy lt;
  lt.id = id;
  lt.user_id = "usr_a";
  lt.params.name = name;
  lt.params.ft_strategy_id = "ft_a";
  lt.params.wallet_id = "wal_1";
  lt.paused = false;
  lt.created_at = lt.updated_at = now;
  return lt;
}

void store_live_pair(store::Store& store, core::Timestamp now, store::FtStrategyParams twin,
                     const std::function<void(store::LtStrategy&)>& adjust) {
  store::FtStrategy ft;
  ft.id = "ft_a";
  ft.user_id = "usr_a";
  ft.params = std::move(twin);
  ft.params.name = "paper";
  ft.created_at = ft.updated_at = now;
  EXPECT_TRUE(store.insert_ft_strategy(ft).ok());
  store::LtStrategy lt = live_strategy("lt_a", "live", now);
  if (adjust) adjust(lt);
  EXPECT_TRUE(store.insert_lt_strategy(lt).ok());
}

}  // namespace polycopy::engine::testing
