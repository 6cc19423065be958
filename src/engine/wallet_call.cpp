#include "engine/wallet_call.hpp"

#include "chain/abi.hpp"
#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "chain/safe_transaction.hpp"

namespace polycopy::engine {
namespace {

core::Result<chain::Bytes32> read_word(chain::EthClient& eth, const chain::Address& to,
                                       const chain::Bytes& data) {
  auto result = eth.call(chain::CallRequest{std::nullopt, to, data, std::nullopt, std::nullopt});
  if (!result) return result.error();
  if (result->size() != 32)
    return core::Error{"abi_decode_error", "expected one word from " +
                                               chain::to_checksum_address(to) + ", got " +
                                               std::to_string(result->size()) + " bytes"};
  return chain::AbiDecoder(*result).word(0);
}

core::Result<chain::Uint256> read_uint(chain::EthClient& eth, const chain::Address& to,
                                       const chain::Bytes& data) {
  auto word = read_word(eth, to, data);
  if (!word) return word.error();
  return chain::Uint256::from_word(*word);
}

}  // namespace

core::Result<chain::Address> positions_holder(const store::Wallet& wallet) {
  const auto signer = chain::parse_address(wallet.address);
  if (!signer) return core::Error{"invalid_wallet", signer.error().message};
  if (!wallet.funder || *wallet.funder == wallet.address) return *signer;
  switch (wallet.signature_type) {
    case 2: {
      auto safe = chain::parse_address(*wallet.funder);
      if (!safe) return core::Error{"invalid_wallet", "the Safe address: " + safe.error().message};
      return *safe;
    }
    case 1:
      return core::Error{"proxy_wallet_unsupported",
                         "the positions are held by the proxy wallet " + *wallet.funder +
                             ": redeeming through the proxy factory is not built yet"};
    default:
      return core::Error{"deposit_wallet_unsupported",
                         "the positions are held by " + *wallet.funder + " (signature type " +
                             std::to_string(wallet.signature_type) +
                             "): redeeming through it is not built yet"};
  }
}

core::Result<OutgoingCall> call_from_wallet(chain::EthClient& eth, std::uint64_t chain_id,
                                            const chain::Address& holder,
                                            const chain::PrivateKey& signer,
                                            const chain::Address& to, const chain::Bytes& data) {
  if (holder == signer.address()) return OutgoingCall{to, data};
  const std::string safe_name = "the Safe " + chain::to_checksum_address(holder);
  auto threshold = read_uint(eth, holder, chain::safe_threshold_call());
  if (!threshold) return threshold.error();
  if (*threshold != chain::Uint256(1))
    return core::Error{"safe_not_single_owner", safe_name + " needs " + threshold->to_decimal() +
                                                    " signatures: only 1-of-1 Safes are redeemed"};
  auto owner = read_uint(eth, holder, chain::safe_is_owner_call(signer.address()));
  if (!owner) return owner.error();
  if (owner->is_zero())
    return core::Error{"safe_owner_mismatch", chain::to_checksum_address(signer.address()) +
                                                  " is not an owner of " + safe_name};
  auto nonce = read_uint(eth, holder, chain::safe_nonce_call());
  if (!nonce) return nonce.error();
  const chain::SafeCall call{to, data, *nonce};
  const auto hash = chain::safe_transaction_hash(call, chain_id, holder);
  // What the Safe will verify: a different hash (another Safe version) would only revert.
  auto expected = read_word(eth, holder, chain::safe_get_transaction_hash_call(call));
  if (!expected) return expected.error();
  if (*expected != hash)
    return core::Error{"safe_hash_mismatch",
                       safe_name + " hashes the call as " + chain::to_hex(*expected) + ", not " +
                           chain::to_hex(hash) + ": unsupported Safe version"};
  return OutgoingCall{
      holder, chain::exec_transaction_call(call, chain::safe_owner_signature(hash, signer))};
}

}  // namespace polycopy::engine
