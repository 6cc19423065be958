#pragma once
// JSON-RPC 2.0 over HTTP POST to an Ethereum node, with several node URLs in failover: a
// node that cannot be reached, times out or answers 429/5xx is skipped for the next one;
// the client keeps using the last node that answered. A JSON-RPC error is an answer (the
// same on every node) and is returned as is, never retried elsewhere.
//
// Error codes:
//   rpc_unavailable     no node answered (the message names each node's failure)
//   rpc_error           the node answered with an error object ("<code>: <message>")
//   execution_reverted  the call or transaction reverted (message: the revert reason)
//   invalid_rpc_response the answer is not JSON-RPC
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "net/http_client.hpp"

namespace polycopy::chain {

class JsonRpcClient {
 public:
  // `http` must outlive the client. At least one URL.
  JsonRpcClient(net::HttpClient& http, std::vector<std::string> urls);

  // The result member of the answer to method(params).
  core::Result<nlohmann::json> call(std::string_view method, nlohmann::json params);

  const std::vector<std::string>& urls() const { return urls_; }

 private:
  net::HttpClient& http_;
  std::vector<std::string> urls_;
  std::mutex mutex_;
  std::size_t preferred_ = 0;  // the node that answered last
  std::uint64_t next_id_ = 1;
};

// Whether a node's error object is a revert, and its reason (Error(string) data, else what
// the message says after "revert"; "" when it gives none). nullopt: not a revert.
std::optional<std::string> revert_reason(const nlohmann::json& error);

}  // namespace polycopy::chain
