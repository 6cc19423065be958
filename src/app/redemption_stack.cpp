#include "app/redemption_stack.hpp"

#include "chain/address.hpp"

namespace polycopy::app {
namespace {

chain::Address address_of(const std::string& text) {
  return chain::parse_address(text).value();
}

engine::TxSenderOptions sender_options(const Config::Chain& chain) {
  engine::TxSenderOptions options;
  options.chain_id = chain.chain_id;
  options.confirmations = chain.confirmations;
  return options;
}

}  // namespace

engine::RedeemerOptions redeemer_options(const Config::Chain& chain) {
  engine::RedeemerOptions options;
  options.conditional_tokens = address_of(chain.conditional_tokens);
  options.neg_risk_adapter = address_of(chain.neg_risk_adapter);
  options.collateral = address_of(chain.collateral);
  options.neg_risk_collateral = address_of(chain.neg_risk_collateral);
  options.chain_id = chain.chain_id;
  if (!chain.collateral_adapter.empty()) {
    options.collateral_adapter = address_of(chain.collateral_adapter);
    options.pusd = address_of(chain.pusd);
  }
  return options;
}

RedemptionStack::RedemptionStack(const Config::Chain& chain, store::Store& store,
                                 risk::RiskManager& risk, engine::WalletAccess& wallets,
                                 net::HttpClient& http, const core::Clock& clock)
    : rpc_(http, chain.rpc_urls),
      eth_(rpc_),
      sender_(store, eth_, clock, sender_options(chain)),
      redeemer_(store, risk, eth_, sender_, wallets, clock, redeemer_options(chain)) {}

}  // namespace polycopy::app
