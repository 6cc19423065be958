// `polycopy polymarket sign-order | l1-headers | l2-headers`: one JSON object on stdin, one
// line of JSON on stdout; bad input exits 2 with {"error":{"code","message"}} on stderr.
// Keys and secrets are read from stdin only (never argv) and never printed.
#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "polymarket/auth/auth_json.hpp"
#include "polymarket/orders/sign_order_json.hpp"

namespace polycopy::app {
namespace {

using Handler = std::function<core::Result<std::string>(std::string_view)>;

int run_stdin_command(const Handler& handler) {
  const std::string input{std::istreambuf_iterator<char>(std::cin),
                          std::istreambuf_iterator<char>()};
  const auto result = handler(input);
  if (!result) {
    nlohmann::ordered_json error;
    error["error"]["code"] = result.error().code;
    error["error"]["message"] = result.error().message;
    std::cerr << error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitUsage;
  }
  std::cout << *result << "\n";
  return kExitOk;
}

void add(CLI::App& group, const char* name, const char* description, Handler handler,
         int& exit_code) {
  auto* command = group.add_subcommand(name, description);
  command->callback(
      [handler = std::move(handler), &exit_code] { exit_code = run_stdin_command(handler); });
}

}  // namespace

void register_polymarket_sign_commands(CLI::App& group, int& exit_code) {
  add(group, "sign-order",
      "read an order as JSON on stdin, print the POST /order body the official client sends",
      polymarket::sign_order_json, exit_code);
  add(group, "l1-headers",
      "read {private_key, timestamp, nonce, chain_id?} on stdin, print the L1 auth headers",
      polymarket::l1_headers_json, exit_code);
  add(group, "l2-headers",
      "read {api_key, secret, passphrase, address, timestamp, method, path, body} on stdin, "
      "print the L2 auth headers",
      polymarket::l2_headers_json, exit_code);
}

}  // namespace polycopy::app
