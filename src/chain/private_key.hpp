#pragma once
// A secp256k1 private key that signs 32-byte digests Ethereum-style.
// The secret never leaves this type in printable form: there is no to_string, operator<<
// prints "PrivateKey(<redacted>)" (so test failures and logs cannot leak it), and the
// bytes are wiped when the object dies.
#include <iosfwd>
#include <string_view>

#include "chain/bytes.hpp"
#include "chain/signature.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

class PrivateKey {
 public:
  // 64 hex digits, "0x" optional. The value must be in [1, n) (n: the curve order).
  // Errors: "invalid_private_key" (the message never contains the input).
  static core::Result<PrivateKey> parse(std::string_view hex);
  static core::Result<PrivateKey> from_bytes(const Bytes32& secret);

  PrivateKey(const PrivateKey& other) = default;
  PrivateKey& operator=(const PrivateKey& other) = default;
  ~PrivateKey();

  const Address& address() const { return address_; }
  const FixedBytes<64>& public_key() const { return public_key_; }  // x || y, uncompressed

  // ECDSA with RFC 6979 nonces (deterministic) and low-s; v = 27 + recovery id.
  // Thread-safe: the shared context is read-only.
  Signature sign_digest(const Bytes32& digest) const;

  friend std::ostream& operator<<(std::ostream& os, const PrivateKey& key);

 private:
  PrivateKey() = default;

  Bytes32 secret_;
  FixedBytes<64> public_key_;
  Address address_;  // derived once: signing hot paths ask for it often
};

}  // namespace polycopy::chain
