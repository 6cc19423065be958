#include "chain/safe_transaction.hpp"

#include <array>

#include "chain/abi.hpp"
#include "chain/keccak.hpp"

namespace polycopy::chain {
namespace {

constexpr std::string_view kDomainType = "EIP712Domain(uint256 chainId,address verifyingContract)";
constexpr std::string_view kSafeTxType =
    "SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 "
    "baseGas,uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)";

// The signatures are constants of this file: encoding can only fail on a programming error.
Bytes encode_call(std::string_view signature, std::span<const AbiValue> args) {
  auto encoded = abi_encode_call(signature, args);
  if (!encoded) throw core::Failure(encoded.error());
  return std::move(*encoded);
}

}  // namespace

Bytes32 safe_transaction_hash(const SafeCall& call, std::uint64_t chain_id, const Address& safe) {
  const AbiValue domain[] = {keccak256(kDomainType), Uint256(chain_id), safe};
  const Bytes32 domain_separator = keccak256(abi_encode(domain));
  const AbiValue fields[] = {keccak256(kSafeTxType),
                             call.to,
                             Uint256{},
                             keccak256(call.data),
                             Uint256{},
                             Uint256{},
                             Uint256{},
                             Uint256{},
                             Address{},
                             Address{},
                             call.nonce};
  const Bytes32 struct_hash = keccak256(abi_encode(fields));
  const std::array<std::uint8_t, 2> prefix{0x19, 0x01};
  const ByteView parts[] = {ByteView(prefix), domain_separator.view(), struct_hash.view()};
  return keccak256_concat(parts);
}

Bytes safe_owner_signature(const Bytes32& hash, const PrivateKey& owner) {
  const auto signature = owner.sign_digest(hash);
  return Bytes(signature.bytes.bytes.begin(), signature.bytes.bytes.end());
}

Bytes exec_transaction_call(const SafeCall& call, const Bytes& signatures) {
  const AbiValue args[] = {call.to,   Uint256{}, call.data, Uint256{}, Uint256{},
                           Uint256{}, Uint256{}, Address{}, Address{}, signatures};
  return encode_call(
      "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)",
      args);
}

Bytes safe_nonce_call() {
  return encode_call("nonce()", {});
}

Bytes safe_threshold_call() {
  return encode_call("getThreshold()", {});
}

Bytes safe_is_owner_call(const Address& owner) {
  const AbiValue args[] = {owner};
  return encode_call("isOwner(address)", args);
}

Bytes safe_get_transaction_hash_call(const SafeCall& call) {
  const AbiValue args[] = {call.to,   Uint256{}, call.data, Uint256{}, Uint256{},
                           Uint256{}, Uint256{}, Address{}, Address{}, call.nonce};
  return encode_call(
      "getTransactionHash(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,"
      "uint256)",
      args);
}

}  // namespace polycopy::chain
