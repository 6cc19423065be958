// `polycopy risk show|set|state|reset-breaker|changes <lt-id> --user NAME`: an LT strategy's
// risk rules, state, breaker reset and audit trail, printed as the API's JSON
// (/api/lt/strategies/{id}/risk…).
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "core/clock.hpp"
#include "service/risk_service.hpp"

namespace polycopy::app {
namespace {

struct RiskFlags {
  std::string user;
  std::string id;
  std::string json;                  // set: --json
  std::string file;                  // set: --file
  bool keep_paused = false;          // reset-breaker
  std::optional<std::string> limit;  // changes
};

using RiskAction =
    std::function<service::ServiceResult(service::RiskService&, const std::string& user_id)>;

// Loads context and store, resolves --user, runs the action and prints its JSON.
void run_risk_action(const GlobalFlags& global, const RiskFlags& flags, const RiskAction& action) {
  CommandContext context = load_context(global);
  store::Store& store = context.store();
  const auto user = require_user(store, flags.user);
  core::SystemClock clock;
  service::StrategyService strategies(store, clock);
  service::RiskService risk(store, clock, strategies);
  print_service_result(action(risk, user.id));
}

CLI::App* add_risk_command(CLI::App& group, const char* name, const char* help, RiskFlags& flags) {
  auto* command = group.add_subcommand(name, help);
  command->add_option("lt-id", flags.id, "the LT strategy id (lt_…)")->required();
  command->add_option("--user", flags.user, "the owner's user name")->required();
  return command;
}

}  // namespace

void register_risk_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* group = cli.add_subcommand(
      "risk", "an LT strategy's risk rules, state, circuit breaker reset and change history");
  group->require_subcommand(1);
  auto risk = std::make_shared<RiskFlags>();

  auto* show = add_risk_command(*group, "show", "show the risk rules", *risk);
  show->callback(command_callback(exit_code, [&flags, risk] {
    run_risk_action(flags, *risk, [risk](auto& service, const auto& user) {
      return service.rules(user, risk->id);
    });
  }));

  auto* set = add_risk_command(*group, "set", "change some risk rules (as PATCH …/risk)", *risk);
  set->add_option("--json", risk->json, "the rules to change as a JSON object; null clears one");
  set->add_option("--file", risk->file, "a file holding the JSON object, - for stdin");
  set->callback(command_callback(exit_code, [&flags, risk] {
    const auto patch = require(read_json_input(risk->json, risk->file), kExitUsage);
    run_risk_action(flags, *risk, [risk, &patch](auto& service, const auto& user) {
      return service.update_rules(user, risk->id, patch);
    });
  }));

  auto* state = add_risk_command(
      *group, "state", "budget windows, exposure, drawdown and the circuit breaker now", *risk);
  state->callback(command_callback(exit_code, [&flags, risk] {
    run_risk_action(flags, *risk, [risk](auto& service, const auto& user) {
      return service.state(user, risk->id);
    });
  }));

  auto* reset = add_risk_command(*group, "reset-breaker",
                                 "close an open circuit breaker and resume the strategy", *risk);
  reset->add_flag("--keep-paused", risk->keep_paused, "close the breaker but leave it paused");
  reset->callback(command_callback(exit_code, [&flags, risk] {
    const nlohmann::json body{{"resume", !risk->keep_paused}};
    run_risk_action(flags, *risk, [risk, &body](auto& service, const auto& user) {
      return service.reset_breaker(user, risk->id, body);
    });
  }));

  auto* changes = add_risk_command(*group, "changes",
                                   "who changed the rules or the breaker, newest first", *risk);
  changes->add_option("--limit", risk->limit, "at most this many rows, 1..500 (50)");
  changes->callback(command_callback(exit_code, [&flags, risk] {
    // A bad limit is a usage error, found before the database is opened.
    if (auto limit = service::parse_changes_limit(risk->limit); !limit)
      fail(limit.error(), kExitUsage);
    run_risk_action(flags, *risk, [risk](auto& service, const auto& user) {
      return service.changes(user, risk->id, risk->limit);
    });
  }));
}

}  // namespace polycopy::app
