#pragma once
// Live-trading reports behind both the HTTP API (GET /api/lt/strategies/{id}/orders,
// /positions, /performance, /execution-quality, /redemptions) and the `polycopy lt` commands:
// an LT strategy's orders with their fills, its positions, its results beside its FT twin's,
// the execution quality of its orders and its redemption records, as a status with a JSON
// body. Scoped to the owner: another user's (or an unknown) strategy answers 404
// "strategy_not_found". Query values arrive as text (from a query string or CLI flags); a bad
// one answers 400 "invalid_query" with a message naming the parameter.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "service/execution_quality.hpp"
#include "service/strategy_service.hpp"
#include "store/store.hpp"

namespace polycopy::service {

// The optional inputs of an LT report, as given.
struct LtReportQuery {
  std::optional<std::string> state;   // orders: an order state
  std::optional<std::string> status;  // positions: open | resolved | closed
  std::optional<std::string> limit;   // 1..1000, default 100
  std::optional<std::string> offset;  // >= 0, default 0
};

// Which of a strategy's orders a report shows, newest first.
struct LtOrderQuery {
  std::optional<store::OrderState> state;
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

// The query parameters each report takes.
inline const std::vector<std::string_view> kLtOrdersParams{"state", "limit", "offset"};
inline const std::vector<std::string_view> kLtPositionsParams{"status", "limit", "offset"};
inline const std::vector<std::string_view> kLtExecutionParams{"limit", "offset"};

// Reads query-string pairs into a query; a name outside `allowed` or given twice is an
// "invalid_query" error.
core::Result<LtReportQuery> lt_report_query_from_pairs(
    const std::vector<std::pair<std::string, std::string>>& pairs,
    const std::vector<std::string_view>& allowed);

// Validates a query for one report ("invalid_query"); a parameter that report does not take
// is refused too.
core::Result<LtOrderQuery> to_lt_order_query(const LtReportQuery& query);
core::Result<store::LtPositionQuery> to_lt_position_query(const LtReportQuery& query);
core::Result<LtOrderQuery> to_lt_execution_query(const LtReportQuery& query);  // paging only

// What a pending redemption says while the on-chain step does not exist.
inline constexpr std::string_view kRedemptionPendingNote =
    "waits for its on-chain redemption: the engine's lt-redemptions job ([chain] auto_redeem) or "
    "`polycopy redeem`";
inline constexpr std::string_view kRedemptionGaveUpNote =
    "failed with no retry left: `polycopy redeem --retry-failed` makes it due again";

class LtReportService {
 public:
  explicit LtReportService(store::Store& store);

  // 200 {"lt_strategy_id","orders":[order + "fills"],"total","limit","offset"}, newest first.
  ServiceResult orders(const std::string& user_id, const std::string& id,
                       const LtReportQuery& query);
  // 200 {"lt_strategy_id","positions":[...],"limit","offset"}, newest first.
  ServiceResult positions(const std::string& user_id, const std::string& id,
                          const LtReportQuery& query);
  // 200 {"lt_strategy_id","ft_strategy_id","lt":{...},"ft":{...},"matched":{...}}.
  ServiceResult performance(const std::string& user_id, const std::string& id);
  // 200 {"lt_strategy_id","summary":{...},"orders":[...],"total","limit","offset"}: the
  // summary covers every order, the list is one page, newest first.
  ServiceResult execution_quality(const std::string& user_id, const std::string& id,
                                  const LtReportQuery& query);
  // 200 {"lt_strategy_id","redemptions":[...]}.
  ServiceResult redemptions(const std::string& user_id, const std::string& id);

 private:
  // The caller's LT strategy, or the 404 (or store failure) answer in `out`.
  std::optional<store::LtStrategy> owned(const std::string& user_id, const std::string& id,
                                         ServiceResult& out);
  // The strategy's orders in `state` (all when unset), newest first.
  core::Result<std::vector<store::OrderRecord>> newest_orders(
      const std::string& id, const std::optional<store::OrderState>& state);

  store::Store& store_;
};

// JSON forms of the records (money as exact decimal strings, times ISO-8601).
nlohmann::json to_json(const store::OrderRecord& order, const std::vector<store::VenueFill>& fills);
nlohmann::json to_json(const store::VenueFill& fill);
nlohmann::json to_json(const store::LtPositionRecord& position);
nlohmann::json to_json(const store::RedemptionRecord& redemption);
nlohmann::json to_json(const OrderExecution& execution, const store::OrderRecord& order);
nlohmann::json to_json(const ExecutionSummary& summary);
nlohmann::json to_json(const store::LtPerformanceRecord& record);

}  // namespace polycopy::service
