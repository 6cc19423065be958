// `polycopy chain balance ADDRESS [--token ID]... [--json]`: what an address holds on chain,
// read from the configured node(s): the native coin, the binary markets' collateral (USDC.e),
// pUSD, and outcome tokens (ERC-1155 on the ConditionalTokens contract).
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "chain/address.hpp"
#include "chain/eth_client.hpp"
#include "net/http_client.hpp"
#include "polymarket/ctf/ctf_calls.hpp"

namespace polycopy::app {
namespace {

struct BalanceFlags {
  std::string address;
  std::vector<std::string> tokens;
  bool json = false;
};

// Integer units as a decimal with `decimals` places: 5000000, 6 -> "5.000000".
std::string in_units(const chain::Uint256& value, std::size_t decimals) {
  std::string digits = value.to_decimal();
  if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
  digits.insert(digits.size() - decimals, ".");
  return digits;
}

chain::Uint256 erc20_balance(chain::EthClient& eth, const std::string& token,
                             const chain::Address& owner) {
  const auto to = chain::parse_address(token).value();
  auto result = require(eth.call(chain::CallRequest{
      std::nullopt, to, polymarket::ctf::erc20_balance_call(owner), std::nullopt, std::nullopt}));
  return require(polymarket::ctf::decode_uint(result));
}

void print_balance(const Config& config, const BalanceFlags& flags) {
  const auto owner = chain::parse_address(flags.address);
  if (!owner) fail({"invalid_address", "not an address: '" + flags.address + "'"}, kExitUsage);
  std::vector<chain::Uint256> token_ids;
  for (const auto& token : flags.tokens) {
    auto id = chain::Uint256::parse_decimal(token);
    if (!id) fail({"invalid_token_id", "not a decimal token id: '" + token + "'"}, kExitUsage);
    token_ids.push_back(*id);
  }
  net::HttpClient http;
  chain::JsonRpcClient rpc(http, config.chain.rpc_urls);
  chain::EthClient eth(rpc);
  const auto chain_id = require(eth.chain_id());
  if (chain_id != config.chain.chain_id)
    fail({"wrong_chain", "the node serves chain " + std::to_string(chain_id) +
                             ", configured: " + std::to_string(config.chain.chain_id)});
  const auto native = require(eth.balance(*owner));
  const auto collateral = erc20_balance(eth, config.chain.collateral, *owner);
  std::optional<chain::Uint256> pusd;
  if (!config.chain.pusd.empty()) pusd = erc20_balance(eth, config.chain.pusd, *owner);
  const auto ctf = chain::parse_address(config.chain.conditional_tokens).value();
  std::vector<chain::Uint256> held;
  for (const auto& id : token_ids) {
    auto result = require(eth.call(
        chain::CallRequest{std::nullopt, ctf, polymarket::ctf::erc1155_balance_call(*owner, id),
                           std::nullopt, std::nullopt}));
    held.push_back(require(polymarket::ctf::decode_uint(result)));
  }

  if (flags.json) {
    nlohmann::ordered_json out{{"address", chain::to_checksum_address(*owner)},
                               {"chain_id", chain_id},
                               {"native_wei", native.to_decimal()},
                               {"collateral",
                                {{"token", config.chain.collateral},
                                 {"units", collateral.to_decimal()},
                                 {"amount", in_units(collateral, 6)}}}};
    if (pusd)
      out["pusd"] = {{"token", config.chain.pusd},
                     {"units", pusd->to_decimal()},
                     {"amount", in_units(*pusd, 6)}};
    nlohmann::ordered_json tokens = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < token_ids.size(); ++i)
      tokens.push_back({{"token_id", token_ids[i].to_decimal()},
                        {"units", held[i].to_decimal()},
                        {"shares", in_units(held[i], 6)}});
    out["outcome_tokens"] = tokens;
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout << "address     " << chain::to_checksum_address(*owner) << " (chain " << chain_id
            << ")\n"
            << "native      " << in_units(native, 18) << "\n"
            << "collateral  " << in_units(collateral, 6) << " (" << config.chain.collateral
            << ")\n";
  if (pusd) std::cout << "pUSD        " << in_units(*pusd, 6) << "\n";
  for (std::size_t i = 0; i < token_ids.size(); ++i)
    std::cout << "token " << token_ids[i].to_decimal() << "  " << in_units(held[i], 6)
              << " shares\n";
}

}  // namespace

void register_chain_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* group = cli.add_subcommand("chain", "read the chain: balance");
  group->require_subcommand(1);
  auto balance_flags = std::make_shared<BalanceFlags>();
  auto* balance = group->add_subcommand(
      "balance", "native coin, collateral, pUSD and outcome tokens of an address");
  balance->add_option("address", balance_flags->address, "0x + 40 hex digits")->required();
  balance->add_option("--token", balance_flags->tokens,
                      "an outcome token id (decimal) to read on the ConditionalTokens contract");
  balance->add_flag("--json", balance_flags->json, "one JSON object");
  balance->callback(command_callback(exit_code, [&flags, balance_flags] {
    print_balance(load_context(flags).config(), *balance_flags);
  }));
}

}  // namespace polycopy::app
