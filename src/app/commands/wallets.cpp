// `polycopy wallet keygen | add | list | credentials`: wallets of a user. A private
// key is read from a file or standard input, never from the command line (where `ps` and
// shell history would keep it).
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "app/wallet_key.hpp"
#include "core/clock.hpp"
#include "engine/wallet_access.hpp"
#include "net/http_client.hpp"
#include "service/wallet_service.hpp"

namespace polycopy::app {
namespace {

struct WalletFlags {
  std::string user;
  std::string id;
  std::string key_file;
  std::int64_t signature_type = 0;
  std::string funder;
};

std::string read_key_text(const std::string& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path);
    if (!in) fail({"invalid_argument", "cannot read " + path}, kExitUsage);
    buffer << in.rdbuf();
  }
  std::string text = buffer.str();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.erase(text.begin());
  return text;
}

core::SecretBox require_wallet_key(const CommandContext& context) {
  return require(load_wallet_key(context.config(), current_environment()), kExitUsage);
}

}  // namespace

void register_wallet_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* group = cli.add_subcommand("wallet", "wallet keys: keygen, add, list, credentials");
  group->require_subcommand(1);
  auto wallet = std::make_shared<WalletFlags>();

  auto* keygen = group->add_subcommand(
      "keygen", "print a new wallet key (set it as POLYCOPY_WALLET_KEY or in a key file)");
  keygen->callback(command_callback(
      exit_code, [] { std::cout << core::SecretBox::generate_key_hex() << "\n"; }));

  auto* add = group->add_subcommand("add", "store a wallet's private key, sealed");
  add->add_option("--user", wallet->user, "the owner's user name")->required();
  add->add_option("--private-key-file", wallet->key_file,
                  "a file holding the private key (64 hex digits), - for standard input")
      ->required();
  add->add_option("--signature-type", wallet->signature_type, "0 (EOA) or 2 (Gnosis safe)");
  add->add_option("--funder", wallet->funder, "the safe's address (signature type 2)");
  add->callback(command_callback(exit_code, [&flags, wallet] {
    CommandContext context = load_context(flags);
    const core::SecretBox box = require_wallet_key(context);
    nlohmann::json body{{"private_key", read_key_text(wallet->key_file)},
                        {"signature_type", wallet->signature_type}};
    if (!wallet->funder.empty()) body["funder"] = wallet->funder;
    store::Store& store = context.store();
    const auto user = require_user(store, wallet->user);
    core::SystemClock clock;
    service::WalletService service(store, clock, &box);
    print_service_result(service.create(user.id, body));
  }));

  auto* list = group->add_subcommand("list", "list the user's wallets (no secrets)");
  list->add_option("--user", wallet->user, "the owner's user name")->required();
  list->callback(command_callback(exit_code, [&flags, wallet] {
    CommandContext context = load_context(flags);
    store::Store& store = context.store();
    const auto user = require_user(store, wallet->user);
    core::SystemClock clock;
    service::WalletService service(store, clock, nullptr);
    print_service_result(service.list(user.id));
  }));

  auto* credentials = group->add_subcommand(
      "credentials",
      "derive the wallet's CLOB API credentials from the venue (L1 auth) and cache them sealed");
  credentials->add_option("id", wallet->id, "the wallet id (wal_…)")->required();
  credentials->add_option("--user", wallet->user, "the owner's user name")->required();
  credentials->callback(command_callback(exit_code, [&flags, wallet] {
    CommandContext context = load_context(flags);
    const core::SecretBox box = require_wallet_key(context);
    store::Store& store = context.store();
    const auto user = require_user(store, wallet->user);
    auto found = require(store.get_wallet(user.id, wallet->id));
    if (!found) fail({"wallet_not_found", "no wallet with id " + wallet->id});
    core::SystemClock clock;
    net::HttpClient http;
    engine::WalletAccess access(store, box, http, context.config().polymarket.clob_url, clock);
    require(access.trading_identity(*found));
    const auto stored = require(store.get_wallet(user.id, wallet->id));
    std::cout << service::wallet_json(stored.value()).dump(2) << "\n";
  }));
}

}  // namespace polycopy::app
