#include "chain/secp256k1_context.hpp"

#include <cryptopp/misc.h>
#include <cryptopp/osrng.h>

#include <array>

#include "core/error.hpp"

namespace polycopy::chain::detail {
namespace {

secp256k1_context* make_context() {
  secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  if (ctx == nullptr) throw core::Failure("secp256k1_error", "cannot create secp256k1 context");
  std::array<unsigned char, 32> seed{};
  CryptoPP::OS_GenerateRandomBlock(false, seed.data(), seed.size());
  const int ok = secp256k1_context_randomize(ctx, seed.data());
  CryptoPP::SecureWipeBuffer(seed.data(), seed.size());
  if (ok != 1) {
    secp256k1_context_destroy(ctx);
    throw core::Failure("secp256k1_error", "cannot randomise secp256k1 context");
  }
  return ctx;
}

}  // namespace

const secp256k1_context* secp256k1_ctx() {
  // Thread-safe static initialisation; never destroyed so late users at exit stay safe.
  static const secp256k1_context* const ctx = make_context();
  return ctx;
}

}  // namespace polycopy::chain::detail
