#pragma once
// Forward-testing reports behind both the HTTP API (GET /api/ft/strategies/{id}/positions,
// /signals, /performance) and the `polycopy ft` commands: the strategy's paper positions, its
// evaluation signals and its performance, as a status with a JSON body. Scoped to the owner:
// another user's (or an unknown) strategy answers 404 "strategy_not_found". Query values
// arrive as text (from a query string or CLI flags); a bad one answers 400 "invalid_query"
// with a message naming the parameter.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "service/report_query.hpp"
#include "service/strategy_service.hpp"
#include "store/store.hpp"

namespace polycopy::service {

// The optional inputs of a report, as given.
struct FtReportQuery {
  std::optional<std::string> status;  // positions: open | resolved
  std::optional<std::string> reason;  // signals: a reason code or "accepted"
  std::optional<std::string> limit;   // 1..1000, default 100
  std::optional<std::string> offset;  // >= 0, default 0
};

// Reads query-string pairs into a query; a name outside `allowed` or given twice is an
// "invalid_query" error.
core::Result<FtReportQuery> report_query_from_pairs(
    const std::vector<std::pair<std::string, std::string>>& pairs,
    const std::vector<std::string_view>& allowed);

// Validates a query for one report ("invalid_query"). A parameter the report does not take
// (reason for positions, status for signals) is refused too.
core::Result<store::PaperPositionQuery> to_position_query(const FtReportQuery& query);
core::Result<store::SignalQuery> to_signal_query(const FtReportQuery& query);

// True for "accepted" and every code of strategy/reason_codes.hpp.
bool is_known_signal_reason(std::string_view reason);

class FtReportService {
 public:
  explicit FtReportService(store::Store& store);

  // 200 {"positions":[...],"limit":n,"offset":n}, newest first.
  ServiceResult positions(const std::string& user_id, const std::string& strategy_id,
                          const FtReportQuery& query);
  // 200 {"signals":[...],"limit":n,"offset":n}, newest first.
  ServiceResult signals(const std::string& user_id, const std::string& strategy_id,
                        const FtReportQuery& query);
  // 200 with the strategy's cash, costs, pnl, counts, win rate, ROI and signals by reason.
  ServiceResult performance(const std::string& user_id, const std::string& strategy_id);

 private:
  store::Store& store_;
};

// The 400 "invalid_query" answer.
ServiceResult invalid_query_result(const core::Error& error);

// JSON forms of the report records (money as exact decimal strings, times ISO-8601).
nlohmann::json to_json(const store::PaperPositionRecord& position);
nlohmann::json to_json(const store::StrategySignalRecord& signal);
nlohmann::json to_json(const std::string& strategy_id, const store::FtPerformanceRecord& record);

}  // namespace polycopy::service
