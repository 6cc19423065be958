#include "store/records_chain.hpp"

namespace polycopy::store {

std::string_view to_string(ChainTxState state) {
  switch (state) {
    case ChainTxState::signed_:
      return "signed";
    case ChainTxState::sent:
      return "sent";
    case ChainTxState::confirmed:
      return "confirmed";
    case ChainTxState::failed:
      return "failed";
  }
  return "signed";
}

std::optional<ChainTxState> chain_tx_state_from_string(std::string_view text) {
  for (const auto state :
       {ChainTxState::signed_, ChainTxState::sent, ChainTxState::confirmed, ChainTxState::failed})
    if (to_string(state) == text) return state;
  return std::nullopt;
}

}  // namespace polycopy::store
