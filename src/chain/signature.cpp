#include "chain/signature.hpp"

#include <secp256k1_recovery.h>

#include <algorithm>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "chain/secp256k1_context.hpp"

namespace polycopy::chain {
namespace {

core::Error invalid(std::string message) {
  return {"invalid_signature", std::move(message)};
}

}  // namespace

Bytes32 Signature::r() const {
  Bytes32 out;
  std::copy_n(bytes.bytes.begin(), 32, out.bytes.begin());
  return out;
}

Bytes32 Signature::s() const {
  Bytes32 out;
  std::copy_n(bytes.bytes.begin() + 32, 32, out.bytes.begin());
  return out;
}

std::string Signature::to_hex() const {
  return chain::to_hex(bytes);
}

core::Result<Signature> Signature::from_bytes(ByteView data) {
  if (data.size() != 65)
    return invalid("signature must be 65 bytes, got " + std::to_string(data.size()));
  Signature sig;
  std::copy(data.begin(), data.end(), sig.bytes.bytes.begin());
  return sig;
}

core::Result<Signature> Signature::parse(std::string_view hex) {
  Signature sig;
  if (auto st = detail::parse_hex_into(hex, HexPrefix::required, sig.bytes.bytes); !st)
    return invalid("signature must be 0x + 130 hex digits (" + st.error().message + ")");
  return sig;
}

core::Result<Address> recover_address(const Bytes32& digest, const Signature& signature) {
  const int v = signature.v();
  if (v != 27 && v != 28) return invalid("v must be 27 or 28, got " + std::to_string(v));
  const auto* ctx = detail::secp256k1_ctx();
  // parse_compact refuses r or s >= n; zero r/s make recovery fail below.
  secp256k1_ecdsa_recoverable_signature rsig;
  if (secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rsig, signature.bytes.data(),
                                                          v - 27) != 1)
    return invalid("r or s is not below the curve order");
  // normalize returns 1 when s was high: such signatures are malleable copies; refuse them.
  secp256k1_ecdsa_signature plain;
  secp256k1_ecdsa_recoverable_signature_convert(ctx, &plain, &rsig);
  if (secp256k1_ecdsa_signature_normalize(ctx, nullptr, &plain) == 1)
    return invalid("s is in the upper half of the curve order (not low-s)");
  secp256k1_pubkey pubkey;
  if (secp256k1_ecdsa_recover(ctx, &pubkey, &rsig, digest.data()) != 1)
    return invalid("no public key recovers from this signature");
  unsigned char uncompressed[65];
  std::size_t len = sizeof(uncompressed);
  secp256k1_ec_pubkey_serialize(ctx, uncompressed, &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
  FixedBytes<64> xy;
  std::copy_n(uncompressed + 1, 64, xy.bytes.begin());
  return address_from_public_key(xy);
}

}  // namespace polycopy::chain
