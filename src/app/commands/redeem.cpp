// `polycopy redeem --strategy ID [--dry-run] [--retry-failed] [--json]`: redeems the winning
// positions of an LT strategy on chain (engine/redeemer) through the configured nodes, from
// the strategy's wallet (its key unsealed with the wallet key). A dry run only simulates each
// call and says what it would pay; --retry-failed makes failed redemptions due again first
// (the engine's job gives up after a few failed transactions). Exit 0 when every group is
// confirmed, submitted or a clean dry run; 1 when one waits with a reason or failed.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "app/redemption_stack.hpp"
#include "app/wallet_key.hpp"

namespace polycopy::app {
namespace {

struct RedeemFlags {
  std::string strategy;
  bool dry_run = false;
  bool retry_failed = false;
  bool json = false;
};

void redeem(CommandContext& context, const RedeemFlags& flags) {
  const Config& config = context.config();
  const auto box = require(load_wallet_key(config, current_environment()), kExitUsage);
  store::Store& store = context.store();
  if (!require(store.find_lt_strategy(flags.strategy)))
    fail({"not_found", "no LT strategy '" + flags.strategy + "'"});
  core::SystemClock clock;
  net::HttpClient http;
  risk::RiskManager risk(store, clock);
  engine::WalletAccess wallets(store, box, http, config.polymarket.clob_url, clock);
  RedemptionStack stack(config.chain, store, risk, wallets, http, clock);
  std::int64_t retried = 0;
  if (flags.retry_failed) {
    retried = require(store.retry_failed_redemptions(flags.strategy, clock.now()));
    if (!flags.json) std::cout << retried << " failed redemption(s) due again\n";
  }
  const auto report = require(stack.redeemer().run(flags.strategy, flags.dry_run));

  bool clean = true;
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const auto& g : report.groups) {
    clean = clean && (g.outcome == "confirmed" || g.outcome == "submitted" ||
                      (g.outcome == "dry_run" && !g.code));
    nlohmann::ordered_json item{
        {"condition_id", g.condition_id},     {"wallet_id", g.wallet_id},
        {"redemptions", g.redemption_ids},    {"outcome", g.outcome},
        {"expected_units", g.expected_units}, {"payout_units", g.payout_units}};
    if (g.code) item["code"] = *g.code;
    if (g.message) item["message"] = *g.message;
    if (g.tx_hash) item["tx_hash"] = *g.tx_hash;
    groups.push_back(item);
    if (!flags.json)
      std::cout << g.outcome << "  " << g.condition_id << "  expected " << g.expected_units
                << ", pays " << (g.payout_units.empty() ? "?" : g.payout_units) << " units"
                << (g.tx_hash ? "  tx " + *g.tx_hash : "")
                << (g.code ? "  " + *g.code + ": " + g.message.value_or("") : "") << "\n";
  }
  if (flags.json)
    std::cout << nlohmann::ordered_json{{"strategy", flags.strategy},
                                        {"dry_run", flags.dry_run},
                                        {"retried", retried},
                                        {"groups", groups}}
                     .dump()
              << "\n";
  else if (report.groups.empty())
    std::cout << "nothing to redeem for " << flags.strategy << "\n";
  if (!clean) throw CommandExit{kExitFailure};
}

}  // namespace

void register_redeem_command(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto redeem_flags = std::make_shared<RedeemFlags>();
  auto* command =
      cli.add_subcommand("redeem", "redeem an LT strategy's winning positions on chain");
  command->add_option("--strategy", redeem_flags->strategy, "LT strategy id")->required();
  auto* dry_run =
      command->add_flag("--dry-run", redeem_flags->dry_run,
                        "only simulate each call (eth_call) and report what it would pay");
  command
      ->add_flag("--retry-failed", redeem_flags->retry_failed,
                 "make the strategy's failed redemptions due again first")
      ->excludes(dry_run);
  command->add_flag("--json", redeem_flags->json, "one JSON object");
  command->callback(command_callback(exit_code, [&flags, redeem_flags] {
    auto context = load_context(flags);
    redeem(context, *redeem_flags);
  }));
}

}  // namespace polycopy::app
