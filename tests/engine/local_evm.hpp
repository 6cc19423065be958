#pragma once
// A real EVM for the on-chain tests: ganache with the real ConditionalTokens contract and
// an ERC-20 collateral (tools/evm), started as a child process on a free loopback port and
// stopped with the fixture. Scenario steps (prepare a condition, split collateral into
// positions, report payouts, read balances) run through the same tool's CLI.
#include <sys/types.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "chain/private_key.hpp"

namespace polycopy::engine::testing {

class LocalEvm {
 public:
  // Throws std::runtime_error (with the tool's stderr) when the node does not come up.
  explicit LocalEvm(std::uint64_t chain_id = 137);
  ~LocalEvm();
  LocalEvm(const LocalEvm&) = delete;
  LocalEvm& operator=(const LocalEvm&) = delete;

  const nlohmann::json& deployment() const { return deployment_; }
  std::string rpc_url() const { return deployment_["rpc_url"].get<std::string>(); }
  std::string conditional_tokens() const;
  std::string collateral() const;
  chain::PrivateKey wallet_key(int n) const;

  // `node evm.mjs <command> --state DIR <arguments>`: its JSON line. Throws with the tool's
  // error line when it fails.
  nlohmann::json run(const std::string& command, const std::string& arguments) const;
  // Wallet n's collateral balance in units (read with `balances` for the condition).
  std::uint64_t collateral_of(int wallet, const std::string& condition) const;

 private:
  void stop();

  std::filesystem::path state_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  nlohmann::json deployment_;
};

}  // namespace polycopy::engine::testing
