#include <CLI/CLI.hpp>
#include <iostream>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "core/clock.hpp"
#include "service/auth.hpp"

namespace polycopy::app {
namespace {

void print_key(const service::CreatedApiKey& key) {
  std::cout << "api key (shown once, store it now): " << key.plaintext << "\n";
}

}  // namespace

void register_user_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* user = cli.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  auto* create = user->add_subcommand("create", "create a user and print its first API key");
  auto name = std::make_shared<std::string>();
  create->add_option("name", *name, "the user's name")->required();
  create->callback([&flags, &exit_code, name] {
    auto context = make_context(flags);
    if (!context) {
      exit_code = kExitUsage;
      return;
    }
    store::Store* store = context->open_store();
    if (store == nullptr) {
      exit_code = kExitFailure;
      return;
    }
    core::SystemClock clock;
    auto created = service::create_user(*store, clock, *name);
    if (!created) {
      print_error(created.error());
      exit_code = kExitFailure;
      return;
    }
    auto key = service::create_api_key(*store, clock, created->id, "initial");
    if (!key) {
      print_error(key.error());
      exit_code = kExitFailure;
      return;
    }
    std::cout << "user " << created->name << " (" << created->id << ")\n";
    print_key(*key);
  });

  auto* apikey = cli.add_subcommand("apikey", "manage API keys");
  apikey->require_subcommand(1);
  auto* key_create = apikey->add_subcommand("create", "create an API key for a user and print it");
  auto key_user = std::make_shared<std::string>();
  auto label = std::make_shared<std::string>("cli");
  key_create->add_option("--user", *key_user, "the user's name")->required();
  key_create->add_option("--label", *label, "a label to recognise the key by");
  key_create->callback([&flags, &exit_code, key_user, label] {
    auto context = make_context(flags);
    if (!context) {
      exit_code = kExitUsage;
      return;
    }
    store::Store* store = context->open_store();
    if (store == nullptr) {
      exit_code = kExitFailure;
      return;
    }
    auto found = store->find_user_by_name(*key_user);
    if (!found) {
      print_error(found.error());
      exit_code = kExitFailure;
      return;
    }
    if (!*found) {
      print_error({"user_not_found", "no user named '" + *key_user + "'"});
      exit_code = kExitFailure;
      return;
    }
    core::SystemClock clock;
    auto key = service::create_api_key(*store, clock, (*found)->id, *label);
    if (!key) {
      print_error(key.error());
      exit_code = kExitFailure;
      return;
    }
    print_key(*key);
  });
}

}  // namespace polycopy::app
