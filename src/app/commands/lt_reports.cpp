// `polycopy lt orders|positions|performance|execution-quality|redemptions <lt-id> --user NAME`:
// the live-trading reports of the API (GET /api/lt/strategies/{id}/...), printed as the same
// JSON.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "app/commands/report_command.hpp"
#include "service/lt_report_service.hpp"

namespace polycopy::app {
namespace {

using LtReportFlags = ReportFlags<service::LtReportQuery>;
using Check = std::function<core::Status(const service::LtReportQuery&)>;
using Report =
    std::function<service::ServiceResult(service::LtReportService&, const std::string& user_id)>;

}  // namespace

void register_lt_report_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  CLI::App* group = report_group(
      cli, "lt", "live trading: orders, positions, performance, execution quality, redemptions");
  auto report = std::make_shared<LtReportFlags>();
  const auto on = [&flags, &exit_code, report](CLI::App* command, Check check, Report run) {
    command->callback(command_callback(exit_code, [&flags, report, check, run] {
      run_report<service::LtReportService>(flags, *report, check, run);
    }));
  };
  const auto add = [&group, report](const char* name, const char* help) {
    return add_report_command(*group, name, help, "lt-id", "the LT strategy id (lt_…)", *report);
  };

  auto* orders = add("orders", "an LT strategy's orders with their fills, newest first");
  orders->add_option("--state", report->query.state,
                     "intent, submitted, partially_filled, filled, cancelled, expired or rejected");
  add_paging_options(*orders, *report);
  on(
      orders, [](const auto& query) { return status_of(service::to_lt_order_query(query)); },
      [report](auto& service, const auto& user) {
        return service.orders(user, report->id, report->query);
      });

  auto* positions = add("positions", "an LT strategy's positions from real fills, newest first");
  positions->add_option("--status", report->query.status, "open, resolved or closed");
  add_paging_options(*positions, *report);
  on(
      positions, [](const auto& query) { return status_of(service::to_lt_position_query(query)); },
      [report](auto& service, const auto& user) {
        return service.positions(user, report->id, report->query);
      });

  auto* performance = add("performance", "an LT strategy's results beside its FT twin's");
  on(
      performance, [](const auto&) { return core::Status{}; },
      [report](auto& service, const auto& user) { return service.performance(user, report->id); });

  auto* quality = add("execution-quality",
                      "fill rate, average price, slippage and latency per order and overall");
  add_paging_options(*quality, *report);
  on(
      quality, [](const auto& query) { return status_of(service::to_lt_execution_query(query)); },
      [report](auto& service, const auto& user) {
        return service.execution_quality(user, report->id, report->query);
      });

  auto* redemptions = add("redemptions", "an LT strategy's redemption records");
  on(
      redemptions, [](const auto&) { return core::Status{}; },
      [report](auto& service, const auto& user) { return service.redemptions(user, report->id); });
}

}  // namespace polycopy::app
