// `polycopy lt orders|positions|performance|execution-quality|redemptions <lt-id> --user NAME`:
// the live-trading reports of the API (GET /api/lt/strategies/{id}/...), printed as the same
// JSON.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "service/lt_report_service.hpp"

namespace polycopy::app {
namespace {

struct LtReportFlags {
  std::string user;
  std::string id;
  service::LtReportQuery query;
};

using Check = std::function<core::Status(const service::LtReportQuery&)>;
using Report =
    std::function<service::ServiceResult(service::LtReportService&, const std::string& user_id)>;

// Checks the query before anything is opened (a bad one is a usage error, exit 2), then
// loads context and store, resolves --user, runs the report and prints its JSON.
void run_report(const GlobalFlags& global, const LtReportFlags& flags, const Check& check,
                const Report& report) {
  if (auto valid = check(flags.query); !valid) fail(valid.error(), kExitUsage);
  CommandContext context = load_context(global);
  store::Store& store = context.store();
  const auto user = require_user(store, flags.user);
  service::LtReportService service(store);
  print_service_result(report(service, user.id));
}

// Drops the value of a parsed query: only its errors matter to the pre-check.
template <class T>
core::Status status_of(const core::Result<T>& result) {
  if (!result) return result.error();
  return {};
}

CLI::App* add_report_command(CLI::App& group, const char* name, const char* help,
                             LtReportFlags& flags) {
  auto* command = group.add_subcommand(name, help);
  command->add_option("lt-id", flags.id, "the LT strategy id (lt_…)")->required();
  command->add_option("--user", flags.user, "the owner's user name")->required();
  return command;
}

void add_paging_options(CLI::App& command, LtReportFlags& flags) {
  command.add_option("--limit", flags.query.limit, "at most this many rows, 1..1000 (100)");
  command.add_option("--offset", flags.query.offset, "skip this many rows first (0)");
}

}  // namespace

void register_lt_report_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  // Another command group may have created `lt` already: share it.
  CLI::App* group = nullptr;
  try {
    group = cli.get_subcommand("lt");
  } catch (const CLI::OptionNotFound&) {
    group = cli.add_subcommand(
        "lt", "live trading: orders, positions, performance, execution quality, redemptions");
    group->require_subcommand(1);
  }
  auto report = std::make_shared<LtReportFlags>();
  const auto on = [&flags, &exit_code, report](CLI::App* command, Check check, Report run) {
    command->callback(command_callback(
        exit_code, [&flags, report, check, run] { run_report(flags, *report, check, run); }));
  };

  auto* orders = add_report_command(
      *group, "orders", "an LT strategy's orders with their fills, newest first", *report);
  orders->add_option("--state", report->query.state,
                     "intent, submitted, partially_filled, filled, cancelled, expired or rejected");
  add_paging_options(*orders, *report);
  on(
      orders, [](const auto& query) { return status_of(service::to_lt_order_query(query)); },
      [report](auto& service, const auto& user) {
        return service.orders(user, report->id, report->query);
      });

  auto* positions = add_report_command(
      *group, "positions", "an LT strategy's positions from real fills, newest first", *report);
  positions->add_option("--status", report->query.status, "open, resolved or closed");
  add_paging_options(*positions, *report);
  on(
      positions, [](const auto& query) { return status_of(service::to_lt_position_query(query)); },
      [report](auto& service, const auto& user) {
        return service.positions(user, report->id, report->query);
      });

  auto* performance = add_report_command(*group, "performance",
                                         "an LT strategy's results beside its FT twin's", *report);
  on(
      performance, [](const auto&) { return core::Status{}; },
      [report](auto& service, const auto& user) { return service.performance(user, report->id); });

  auto* quality = add_report_command(
      *group, "execution-quality",
      "fill rate, average price, slippage and latency per order and overall", *report);
  add_paging_options(*quality, *report);
  on(
      quality, [](const auto& query) { return status_of(service::to_lt_execution_query(query)); },
      [report](auto& service, const auto& user) {
        return service.execution_quality(user, report->id, report->query);
      });

  auto* redemptions =
      add_report_command(*group, "redemptions", "an LT strategy's redemption records", *report);
  on(
      redemptions, [](const auto&) { return core::Status{}; },
      [report](auto& service, const auto& user) { return service.redemptions(user, report->id); });
}

}  // namespace polycopy::app
