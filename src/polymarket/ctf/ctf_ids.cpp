#include "polymarket/ctf/ctf_ids.hpp"

#include <openssl/bn.h>

#include <memory>

#include "chain/keccak.hpp"
#include "core/error.hpp"

namespace polycopy::polymarket::ctf {
namespace {

using BigNum = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
using BnContext = std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)>;

BigNum big() {
  BigNum out(BN_new(), &BN_free);
  if (!out) throw core::Failure("out_of_memory", "BN_new failed");
  return out;
}

BigNum from_word(const chain::Bytes32& word) {
  BigNum out = big();
  BN_bin2bn(word.data(), static_cast<int>(word.size()), out.get());
  return out;
}

chain::Bytes32 to_word(const BIGNUM* value) {
  chain::Bytes32 out;
  BN_bn2binpad(value, out.data(), static_cast<int>(out.size()));
  return out;
}

void check(int ok) {
  if (ok != 1) throw core::Failure("bignum_failed", "an OpenSSL big-number operation failed");
}

// The field modulus of alt_bn128 (y^2 = x^3 + 3).
constexpr char kFieldModulus[] =
    "21888242871839275222246405745257275088696311157297823662689037894645226208583";

}  // namespace

chain::Bytes32 condition_id(const chain::Address& oracle, const chain::Bytes32& question_id,
                            std::uint64_t outcome_slot_count) {
  const chain::Bytes32 count = chain::Uint256(outcome_slot_count).word();
  const chain::ByteView parts[] = {oracle.view(), question_id.view(), count.view()};
  return chain::keccak256_concat(parts);
}

chain::Bytes32 collection_id(const chain::Bytes32& condition, std::uint64_t index_set) {
  const chain::Bytes32 set = chain::Uint256(index_set).word();
  const chain::ByteView parts[] = {condition.view(), set.view()};
  const chain::Bytes32 hash = chain::keccak256_concat(parts);
  const bool odd = (hash.bytes[0] & 0x80) != 0;  // the hash's top bit

  BnContext ctx(BN_CTX_new(), &BN_CTX_free);
  if (!ctx) throw core::Failure("out_of_memory", "BN_CTX_new failed");
  BIGNUM* raw_p = nullptr;
  check(BN_dec2bn(&raw_p, kFieldModulus) > 0 ? 1 : 0);
  BigNum p(raw_p, &BN_free);
  BigNum exponent = big();  // (p + 1) / 4: p = 3 mod 4, so yy^exponent is a square root
  check(BN_add(exponent.get(), p.get(), BN_value_one()));
  check(BN_rshift(exponent.get(), exponent.get(), 2));
  BigNum three = big();
  check(BN_set_word(three.get(), 3));

  BigNum x = from_word(hash);
  BigNum yy = big(), y = big(), square = big();
  do {
    check(BN_add(x.get(), x.get(), BN_value_one()));
    check(BN_nnmod(x.get(), x.get(), p.get(), ctx.get()));  // addmod(x, 1, p)
    check(BN_mod_sqr(yy.get(), x.get(), p.get(), ctx.get()));
    check(BN_mod_mul(yy.get(), yy.get(), x.get(), p.get(), ctx.get()));
    check(BN_mod_add(yy.get(), yy.get(), three.get(), p.get(), ctx.get()));
    check(BN_mod_exp(y.get(), yy.get(), exponent.get(), p.get(), ctx.get()));
    check(BN_mod_sqr(square.get(), y.get(), p.get(), ctx.get()));
  } while (BN_cmp(square.get(), yy.get()) != 0);
  if (odd != (BN_is_odd(y.get()) == 1)) check(BN_sub(y.get(), p.get(), y.get()));
  chain::Bytes32 out = to_word(x.get());
  if (BN_is_odd(y.get()) == 1) out.bytes[0] ^= 0x40;  // x ^= 1 << 254
  return out;
}

chain::Uint256 position_id(const chain::Address& collateral, const chain::Bytes32& collection) {
  const chain::ByteView parts[] = {collateral.view(), collection.view()};
  return chain::Uint256::from_word(chain::keccak256_concat(parts));
}

}  // namespace polycopy::polymarket::ctf
