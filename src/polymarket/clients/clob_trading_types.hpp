#pragma once
// Requests and answers of the CLOB's L2 endpoints that parse/ has no struct for.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polycopy::polymarket {

// DELETE /order, /orders, /cancel-all answer.
struct CancelResult {
  std::vector<std::string> canceled;                // order ids
  std::map<std::string, std::string> not_canceled;  // order id -> reason
};

// GET /data/orders filters (all optional).
struct OpenOrderFilter {
  std::optional<std::string> id, market, asset_id;
};

// GET /data/trades filters (all optional; before/after are Unix seconds).
struct TradeFilter {
  std::optional<std::string> id, maker_address, market, asset_id;
  std::optional<std::int64_t> before, after;
};

enum class AssetType { collateral, conditional };

struct BalanceAllowanceQuery {
  AssetType asset_type = AssetType::collateral;
  std::optional<std::string> token_id;  // CONDITIONAL only
  std::optional<int> signature_type;
};

struct BalanceAllowance {
  std::string balance;                            // 6-decimal integer units, as sent
  std::map<std::string, std::string> allowances;  // spender -> amount (units, may be 2^256-1)
};

}  // namespace polycopy::polymarket
