#include <CLI/CLI.hpp>
#include <iostream>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "core/clock.hpp"
#include "service/auth.hpp"

namespace polycopy::app {
namespace {

void create_and_print_key(store::Store& store, const std::string& user_id,
                          const std::string& label) {
  core::SystemClock clock;
  const auto key = require(service::create_api_key(store, clock, user_id, label));
  std::cout << "api key (shown once, store it now): " << key.plaintext << "\n";
}

}  // namespace

store::User require_user(store::Store& store, const std::string& name) {
  auto user = require(store.find_user_by_name(name));
  if (!user) fail({"user_not_found", "no user named '" + name + "'"});
  return *user;
}

void register_user_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* user = cli.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  auto* create = user->add_subcommand("create", "create a user and print its first API key");
  auto name = std::make_shared<std::string>();
  create->add_option("name", *name, "the user's name")->required();
  create->callback(command_callback(exit_code, [&flags, name] {
    CommandContext context = load_context(flags);
    store::Store& store = context.store();
    core::SystemClock clock;
    const auto created = require(service::create_user(store, clock, *name));
    std::cout << "user " << created.name << " (" << created.id << ")\n";
    create_and_print_key(store, created.id, "initial");
  }));

  auto* apikey = cli.add_subcommand("apikey", "manage API keys");
  apikey->require_subcommand(1);
  auto* key_create = apikey->add_subcommand("create", "create an API key for a user and print it");
  auto key_user = std::make_shared<std::string>();
  auto label = std::make_shared<std::string>("cli");
  key_create->add_option("--user", *key_user, "the user's name")->required();
  key_create->add_option("--label", *label, "a label to recognise the key by");
  key_create->callback(command_callback(exit_code, [&flags, key_user, label] {
    CommandContext context = load_context(flags);
    store::Store& store = context.store();
    create_and_print_key(store, require_user(store, *key_user).id, *label);
  }));
}

}  // namespace polycopy::app
