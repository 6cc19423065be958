#pragma once
// What the report commands (`polycopy ft …`, `polycopy lt …`) share: their flags, the group
// they hang under, the id/--user/paging options, and running one report: the query is
// checked before anything is opened (a bad one is a usage error, exit 2), then the context
// and store are loaded, --user resolved, the report run and its JSON printed.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "app/command_context.hpp"
#include "service/strategy_service.hpp"
#include "store/store.hpp"

namespace polycopy::app {

template <class Query>
struct ReportFlags {
  std::string user;
  std::string id;
  Query query;
};

// The command group `name`, created unless another register_* call made it already.
inline CLI::App* report_group(CLI::App& cli, const char* name, const char* help) {
  try {
    return cli.get_subcommand(name);
  } catch (const CLI::OptionNotFound&) {
    auto* group = cli.add_subcommand(name, help);
    group->require_subcommand(1);
    return group;
  }
}

template <class Query>
CLI::App* add_report_command(CLI::App& group, const char* name, const char* help,
                             const char* id_name, const char* id_help, ReportFlags<Query>& flags) {
  auto* command = group.add_subcommand(name, help);
  command->add_option(id_name, flags.id, id_help)->required();
  command->add_option("--user", flags.user, "the owner's user name")->required();
  return command;
}

template <class Query>
void add_paging_options(CLI::App& command, ReportFlags<Query>& flags) {
  command.add_option("--limit", flags.query.limit, "at most this many rows, 1..1000 (100)");
  command.add_option("--offset", flags.query.offset, "skip this many rows first (0)");
}

// Drops the value of a parsed query: only its errors matter to the pre-check.
template <class T>
core::Status status_of(const core::Result<T>& result) {
  if (!result) return result.error();
  return {};
}

template <class Service, class Query>
void run_report(const GlobalFlags& global, const ReportFlags<Query>& flags,
                const std::function<core::Status(const Query&)>& check,
                const std::function<service::ServiceResult(Service&, const std::string&)>& report) {
  if (auto valid = check(flags.query); !valid) fail(valid.error(), kExitUsage);
  CommandContext context = load_context(global);
  store::Store& store = context.store();
  const auto user = require_user(store, flags.user);
  Service service(store);
  print_service_result(report(service, user.id));
}

}  // namespace polycopy::app
