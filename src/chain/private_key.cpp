#include "chain/private_key.hpp"

#include <cryptopp/misc.h>
#include <secp256k1_recovery.h>

#include <algorithm>
#include <ostream>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "chain/secp256k1_context.hpp"

namespace polycopy::chain {
namespace {

core::Error invalid(std::string message) {
  return {"invalid_private_key", std::move(message)};
}

}  // namespace

core::Result<PrivateKey> PrivateKey::parse(std::string_view hex) {
  Bytes32 secret;
  if (auto st = detail::parse_hex_into(hex, HexPrefix::optional, secret.bytes); !st)
    return invalid("private key must be 64 hex digits, 0x optional (" + st.error().message + ")");
  auto key = from_bytes(secret);
  CryptoPP::SecureWipeBuffer(secret.data(), secret.size());
  return key;
}

core::Result<PrivateKey> PrivateKey::from_bytes(const Bytes32& secret) {
  const auto* ctx = detail::secp256k1_ctx();
  // seckey_verify refuses zero and values >= n.
  if (secp256k1_ec_seckey_verify(ctx, secret.data()) != 1)
    return invalid("private key is zero or not below the secp256k1 curve order");
  PrivateKey key;
  key.secret_ = secret;
  secp256k1_pubkey pubkey;
  if (secp256k1_ec_pubkey_create(ctx, &pubkey, secret.data()) != 1)
    return invalid("cannot derive a public key");
  unsigned char uncompressed[65];
  std::size_t len = sizeof(uncompressed);
  secp256k1_ec_pubkey_serialize(ctx, uncompressed, &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
  std::copy_n(uncompressed + 1, 64, key.public_key_.bytes.begin());
  key.address_ = address_from_public_key(key.public_key_);
  return key;
}

PrivateKey::~PrivateKey() {
  CryptoPP::SecureWipeBuffer(secret_.data(), secret_.size());
}

Signature PrivateKey::sign_digest(const Bytes32& digest) const {
  const auto* ctx = detail::secp256k1_ctx();
  secp256k1_ecdsa_recoverable_signature rsig;
  // nullptr noncefp = the default RFC 6979 nonce; libsecp256k1 always emits low-s.
  if (secp256k1_ecdsa_sign_recoverable(ctx, &rsig, digest.data(), secret_.data(), nullptr,
                                       nullptr) != 1)
    throw core::Failure("signing_failed", "secp256k1 could not sign the digest");
  Signature sig;
  int recid = 0;
  secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, sig.bytes.data(), &recid, &rsig);
  sig.bytes.bytes[64] = static_cast<std::uint8_t>(27 + recid);
  return sig;
}

std::ostream& operator<<(std::ostream& os, const PrivateKey& key) {
  return os << "PrivateKey(<redacted>, address " << to_checksum_address(key.address()) << ")";
}

}  // namespace polycopy::chain
