// `polycopy ft positions|signals|performance <strategy-id> --user NAME`: the forward-testing
// reports of the API (GET /api/ft/strategies/{id}/...), printed as the same JSON.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "app/commands/report_command.hpp"
#include "service/ft_report_service.hpp"

namespace polycopy::app {
namespace {

using FtReportFlags = ReportFlags<service::FtReportQuery>;
using Check = std::function<core::Status(const service::FtReportQuery&)>;
using Report =
    std::function<service::ServiceResult(service::FtReportService&, const std::string& user_id)>;

}  // namespace

void register_ft_report_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  CLI::App* group =
      report_group(cli, "ft", "forward testing: paper positions, signals, performance");
  auto report = std::make_shared<FtReportFlags>();
  const auto on = [&flags, &exit_code, report](CLI::App* command, Check check, Report run) {
    command->callback(command_callback(exit_code, [&flags, report, check, run] {
      run_report<service::FtReportService>(flags, *report, check, run);
    }));
  };
  const auto add = [&group, report](const char* name, const char* help) {
    return add_report_command(*group, name, help, "strategy-id", "the FT strategy id (ft_…)",
                              *report);
  };

  auto* positions = add("positions", "an FT strategy's paper positions, newest first");
  positions->add_option("--status", report->query.status, "open or resolved");
  add_paging_options(*positions, *report);
  on(
      positions, [](const auto& query) { return status_of(service::to_position_query(query)); },
      [report](auto& service, const auto& user) {
        return service.positions(user, report->id, report->query);
      });

  auto* signals =
      add("signals", "an FT strategy's evaluations (accepted or why not), newest first");
  signals->add_option("--reason", report->query.reason, "accepted or a rejection code");
  add_paging_options(*signals, *report);
  on(
      signals, [](const auto& query) { return status_of(service::to_signal_query(query)); },
      [report](auto& service, const auto& user) {
        return service.signals(user, report->id, report->query);
      });

  auto* performance =
      add("performance", "an FT strategy's cash, pnl, win rate and signals by reason");
  on(
      performance, [](const auto&) { return core::Status{}; },
      [report](auto& service, const auto& user) { return service.performance(user, report->id); });
}

}  // namespace polycopy::app
