// `polycopy ft positions|signals|performance <strategy-id> --user NAME`: the forward-testing
// reports of the API (GET /api/ft/strategies/{id}/...), printed as the same JSON.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "service/ft_report_service.hpp"

namespace polycopy::app {
namespace {

struct FtReportFlags {
  std::string user;
  std::string id;
  service::FtReportQuery query;
};

// Checks the query before anything is opened (a bad one is a usage error, exit 2), then
// loads context and store, resolves --user, runs the report and prints its JSON.
void run_report(const GlobalFlags& global, const FtReportFlags& flags,
                const std::function<core::Status(const service::FtReportQuery&)>& check,
                const std::function<service::ServiceResult(service::FtReportService&,
                                                           const std::string& user_id)>& report) {
  if (auto valid = check(flags.query); !valid) fail(valid.error(), kExitUsage);
  CommandContext context = load_context(global);
  store::Store& store = context.store();
  const auto user = require_user(store, flags.user);
  service::FtReportService service(store);
  print_service_result(report(service, user.id));
}

// Drops the value of a parsed query: only its errors matter to the pre-check.
template <class T>
core::Status status_of(const core::Result<T>& result) {
  if (!result) return result.error();
  return {};
}

CLI::App* add_report_command(CLI::App& group, const char* name, const char* help,
                             FtReportFlags& flags) {
  auto* command = group.add_subcommand(name, help);
  command->add_option("strategy-id", flags.id, "the FT strategy id (ft_…)")->required();
  command->add_option("--user", flags.user, "the owner's user name")->required();
  return command;
}

void add_paging_options(CLI::App& command, FtReportFlags& flags) {
  command.add_option("--limit", flags.query.limit, "at most this many rows, 1..1000 (100)");
  command.add_option("--offset", flags.query.offset, "skip this many rows first (0)");
}

}  // namespace

void register_ft_report_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  // Another command group may have created `ft` already: share it.
  CLI::App* group = nullptr;
  try {
    group = cli.get_subcommand("ft");
  } catch (const CLI::OptionNotFound&) {
    group = cli.add_subcommand("ft", "forward testing: paper positions, signals, performance");
    group->require_subcommand(1);
  }
  auto report = std::make_shared<FtReportFlags>();

  auto* positions = add_report_command(*group, "positions",
                                       "an FT strategy's paper positions, newest first", *report);
  positions->add_option("--status", report->query.status, "open or resolved");
  add_paging_options(*positions, *report);
  positions->callback(command_callback(exit_code, [&flags, report] {
    run_report(
        flags, *report,
        [](const auto& query) { return status_of(service::to_position_query(query)); },
        [report](auto& service, const auto& user) {
          return service.positions(user, report->id, report->query);
        });
  }));

  auto* signals = add_report_command(
      *group, "signals", "an FT strategy's evaluations (accepted or why not), newest first",
      *report);
  signals->add_option("--reason", report->query.reason, "accepted or a rejection code");
  add_paging_options(*signals, *report);
  signals->callback(command_callback(exit_code, [&flags, report] {
    run_report(
        flags, *report,
        [](const auto& query) { return status_of(service::to_signal_query(query)); },
        [report](auto& service, const auto& user) {
          return service.signals(user, report->id, report->query);
        });
  }));

  auto* performance = add_report_command(
      *group, "performance", "an FT strategy's cash, pnl, win rate and signals by reason", *report);
  performance->callback(command_callback(exit_code, [&flags, report] {
    run_report(
        flags, *report, [](const auto&) { return core::Status{}; },
        [report](auto& service, const auto& user) {
          return service.performance(user, report->id);
        });
  }));
}

}  // namespace polycopy::app
