#pragma once
// How a wallet's on-chain call goes out (protocol doc 10.4): the positions of a wallet of
// signature type 0 are the signer's and it calls the contract itself; those of a Safe (type 2,
// the funder) are the Safe's, so the signer sends the Safe's execTransaction with its own
// signature of the call. Polymarket's Safes are 1-of-1: a Safe with another threshold, or
// that the signer does not own, is refused. Proxy wallets (type 1) and deposit wallets
// (type 3) call through contracts not built here.
#include <cstdint>

#include "chain/eth_client.hpp"
#include "chain/private_key.hpp"
#include "store/records.hpp"

namespace polycopy::engine {

// Who holds the wallet's positions. Errors: "proxy_wallet_unsupported",
// "deposit_wallet_unsupported", "invalid_wallet" (a Safe without its address).
core::Result<chain::Address> positions_holder(const store::Wallet& wallet);

struct OutgoingCall {
  chain::Address to;
  chain::Bytes data;
};

// The transaction the signer sends to make `holder` call `to` with `data`: the call itself
// when the signer holds the positions, else the Safe's execTransaction, signed for the Safe's
// current nonce and checked against the hash the Safe computes. Errors: the node's,
// "safe_not_single_owner", "safe_owner_mismatch", "safe_hash_mismatch".
core::Result<OutgoingCall> call_from_wallet(chain::EthClient& eth, std::uint64_t chain_id,
                                            const chain::Address& holder,
                                            const chain::PrivateKey& signer,
                                            const chain::Address& to, const chain::Bytes& data);

}  // namespace polycopy::engine
