// Safe transactions: the calls' selectors (protocol doc 10.4 and the Safe 1.3.0 ABI), the
// owner's signature recovering to the owner over the SafeTx hash, and the hash depending on
// every part it covers. The Safe contract itself checks hash and signature in
// tests/engine/redeemer_test (a Safe on ganache executes the redemption).
#include "chain/safe_transaction.hpp"

#include <gtest/gtest.h>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "chain/signature.hpp"

namespace polycopy::chain {
namespace {

std::string selector(const Bytes& call) {
  return to_hex(ByteView(call.data(), 4));
}

const Address kSafe = parse_address("0x00000000000000000000000000000000000000aa").value();
const Address kTarget = parse_address("0x4D97DCd97eC945f40cF65F87097ACe5EA0476045").value();

TEST(SafeTransaction, Selectors) {
  const SafeCall call{kTarget, Bytes{1, 2, 3}, Uint256(7)};
  EXPECT_EQ(selector(exec_transaction_call(call, Bytes(65, 0))), "0x6a761202");
  EXPECT_EQ(selector(safe_nonce_call()), "0xaffed0e0");
  EXPECT_EQ(selector(safe_threshold_call()), "0xe75235b8");
  EXPECT_EQ(selector(safe_is_owner_call(kSafe)), "0x2f54bf6e");
  EXPECT_EQ(selector(safe_get_transaction_hash_call(call)), "0xd8d11f78");
}

TEST(SafeTransaction, TheOwnersSignatureRecoversToTheOwner) {
  const auto owner = PrivateKey::parse(std::string(63, '0') + "5").value();
  const SafeCall call{kTarget, Bytes{0xde, 0xad}, Uint256(3)};
  const auto hash = safe_transaction_hash(call, 137, kSafe);
  const auto signature = safe_owner_signature(hash, owner);
  ASSERT_EQ(signature.size(), 65u);
  EXPECT_TRUE(signature[64] == 27 || signature[64] == 28);
  EXPECT_EQ(recover_address(hash, Signature::from_bytes(signature).value()).value(),
            owner.address());
}

TEST(SafeTransaction, TheHashCoversChainSafeTargetDataAndNonce) {
  const SafeCall call{kTarget, Bytes{0xde, 0xad}, Uint256(3)};
  const auto hash = safe_transaction_hash(call, 137, kSafe);
  EXPECT_EQ(hash, safe_transaction_hash(call, 137, kSafe));
  EXPECT_NE(hash, safe_transaction_hash(call, 80002, kSafe));
  EXPECT_NE(hash, safe_transaction_hash(call, 137, kTarget));
  EXPECT_NE(hash, safe_transaction_hash({kSafe, call.data, call.nonce}, 137, kSafe));
  EXPECT_NE(hash, safe_transaction_hash({kTarget, Bytes{0xde}, call.nonce}, 137, kSafe));
  EXPECT_NE(hash, safe_transaction_hash({kTarget, call.data, Uint256(4)}, 137, kSafe));
}

}  // namespace
}  // namespace polycopy::chain
