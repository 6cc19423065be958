#pragma once
// A 65-byte Ethereum ECDSA signature r || s || v (v = 27 or 28) and signer recovery.
#include <string>
#include <string_view>

#include "chain/bytes.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

struct Signature {
  FixedBytes<65> bytes;

  Bytes32 r() const;
  Bytes32 s() const;
  std::uint8_t v() const { return bytes.bytes[64]; }
  std::string to_hex() const;  // "0x" + 130 lower-case hex digits

  // Exactly 65 bytes. Only the length and hex are checked here; recover_address checks the
  // values. Errors: "invalid_signature".
  static core::Result<Signature> from_bytes(ByteView bytes);
  static core::Result<Signature> parse(std::string_view hex);

  auto operator<=>(const Signature&) const = default;
};

// The address whose key signed digest. Strict, like OpenZeppelin's ECDSA.recover used by the
// exchange contracts: v must be 27 or 28, r and s in [1, n), s <= n/2 (low-s).
// A valid signature over a different digest recovers some other address, so callers must
// compare the result with the expected signer. Errors: "invalid_signature".
core::Result<Address> recover_address(const Bytes32& digest, const Signature& signature);

}  // namespace polycopy::chain
