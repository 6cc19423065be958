#include <CLI/CLI.hpp>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "core/clock.hpp"
#include "service/api_routes.hpp"
#include "service/strategy_service.hpp"

namespace polycopy::app {
namespace {

struct StrategyFlags {
  std::string user;
  std::string type = "ft";
  std::string id;
  std::string json;
  std::string file;
};

// The strategy kind from an id's prefix ("ft_…", "lt_…"), else from --type.
std::optional<service::StrategyKind> kind_of(const StrategyFlags& flags) {
  const std::string& source = flags.id.empty() ? flags.type : flags.id.substr(0, 2);
  if (source == "ft") return service::StrategyKind::ft;
  if (source == "lt") return service::StrategyKind::lt;
  return std::nullopt;
}

// Loads context and store, resolves --user, runs the action and prints its JSON.
void run_strategy_action(
    const GlobalFlags& global, const StrategyFlags& flags,
    const std::function<service::ServiceResult(service::StrategyService&, service::StrategyKind,
                                               const std::string& user_id)>& action) {
  CommandContext context = load_context(global);
  const auto kind = kind_of(flags);
  if (!kind) {
    fail({"invalid_argument", "strategy type must be ft or lt (or an id ft_…/lt_…)"}, kExitUsage);
  }
  store::Store& store = context.store();
  const auto user = require_user(store, flags.user);
  core::SystemClock clock;
  service::StrategyService service(store, clock);
  print_service_result(action(service, *kind, user.id));
}

// The JSON body of `create` and `update`: --json TEXT or --file PATH ("-" for stdin).
core::Result<nlohmann::json> read_body(const StrategyFlags& flags) {
  return read_json_input(flags.json, flags.file);
}

}  // namespace

void register_strategy_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* group =
      cli.add_subcommand("strategy", "list, create, show, update, pause and resume strategies");
  group->require_subcommand(1);
  auto strategy = std::make_shared<StrategyFlags>();
  group->add_option("--user", strategy->user, "the owner's user name")->required();

  auto* list = group->add_subcommand("list", "list the user's strategies");
  list->add_option("--type", strategy->type, "ft or lt")->check(CLI::IsMember({"ft", "lt"}));
  list->callback(command_callback(exit_code, [&flags, strategy] {
    run_strategy_action(flags, *strategy, [](auto& service, auto kind, const auto& user) {
      return service.list(kind, user);
    });
  }));

  auto* create = group->add_subcommand("create", "create a strategy from JSON (as the API takes)");
  create->add_option("--type", strategy->type, "ft or lt")->check(CLI::IsMember({"ft", "lt"}));
  create->add_option("--json", strategy->json, "the strategy as a JSON object");
  create->add_option("--file", strategy->file, "a file holding the JSON object, - for stdin");
  create->callback(command_callback(exit_code, [&flags, strategy] {
    const auto body = require(read_body(*strategy), kExitUsage);
    run_strategy_action(flags, *strategy, [&body](auto& service, auto kind, const auto& user) {
      return service.create(kind, user, body);
    });
  }));

  const auto add_id_command = [&](const char* name, const char* help, auto method) {
    auto* command = group->add_subcommand(name, help);
    command->add_option("id", strategy->id, "the strategy id (ft_… or lt_…)")->required();
    command->callback(command_callback(exit_code, [&flags, strategy, method] {
      run_strategy_action(flags, *strategy, [&](auto& service, auto kind, const auto& user) {
        return (service.*method)(kind, user, strategy->id);
      });
    }));
  };
  add_id_command("show", "show one strategy", &service::StrategyService::show);
  add_id_command("pause", "pause a strategy", &service::StrategyService::pause);
  add_id_command("resume", "resume a strategy", &service::StrategyService::resume);

  auto* update = group->add_subcommand("update", "change some fields of a strategy (as PATCH)");
  update->add_option("id", strategy->id, "the strategy id (ft_… or lt_…)")->required();
  update->add_option("--json", strategy->json, "the fields to change, as a JSON object");
  update->add_option("--file", strategy->file, "a file holding the JSON object, - for stdin");
  update->callback(command_callback(exit_code, [&flags, strategy] {
    const auto patch = require(read_body(*strategy), kExitUsage);
    run_strategy_action(flags, *strategy, [&](auto& service, auto kind, const auto& user) {
      return service.update(kind, user, strategy->id, patch);
    });
  }));
}

}  // namespace polycopy::app
