#pragma once
// The Ethereum node calls the redeemer needs, typed: quantities come back as integers,
// data as bytes, receipts and logs as structs. Malformed answers are "invalid_rpc_response".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/bytes.hpp"
#include "chain/json_rpc_client.hpp"
#include "chain/uint256.hpp"

namespace polycopy::chain {

// eth_call / eth_estimateGas input.
struct CallRequest {
  std::optional<Address> from;
  Address to;
  Bytes data;
  std::optional<Uint256> value;
  std::optional<std::uint64_t> gas;
};

struct LogEntry {
  Address address;
  std::vector<Bytes32> topics;
  Bytes data;
  std::uint64_t block_number = 0;
  Bytes32 transaction_hash;
  std::uint64_t log_index = 0;
};

struct TransactionReceipt {
  Bytes32 transaction_hash;
  std::uint64_t block_number = 0;
  bool success = false;  // status 0x1
  std::uint64_t gas_used = 0;
  Uint256 effective_gas_price;
  std::vector<LogEntry> logs;
};

struct LogFilter {
  std::uint64_t from_block = 0;
  std::optional<std::uint64_t> to_block;  // none: latest
  std::optional<Address> address;
  std::vector<std::optional<Bytes32>> topics;  // position-wise; none matches anything
};

struct FeeHistory {
  std::uint64_t oldest_block = 0;
  std::vector<Uint256> base_fee_per_gas;     // one more than the blocks: the next block's
  std::vector<std::vector<Uint256>> reward;  // per block, per asked percentile
};

// The newest block's number and time (Unix seconds).
struct BlockHead {
  std::uint64_t number = 0;
  std::uint64_t timestamp = 0;
};

class EthClient {
 public:
  explicit EthClient(JsonRpcClient& rpc) : rpc_(rpc) {}

  core::Result<std::uint64_t> chain_id();
  core::Result<std::uint64_t> block_number();
  // tag: "latest" (mined) or "pending" (with the node's queued transactions).
  core::Result<std::uint64_t> transaction_count(const Address& account, std::string_view tag);
  core::Result<Uint256> balance(const Address& account);
  core::Result<std::uint64_t> estimate_gas(const CallRequest& request);
  core::Result<Uint256> max_priority_fee_per_gas();
  core::Result<FeeHistory> fee_history(std::uint64_t blocks, const std::vector<int>& percentiles);
  // The transaction hash the node reports.
  core::Result<Bytes32> send_raw_transaction(ByteView raw);
  // None while the transaction is not mined (or unknown to the node).
  core::Result<std::optional<TransactionReceipt>> transaction_receipt(const Bytes32& hash);
  core::Result<Bytes> call(const CallRequest& request, std::string_view block = "latest");
  core::Result<std::vector<LogEntry>> get_logs(const LogFilter& filter);
  // eth_getBlockByNumber("latest", false): how far the node has come, and when.
  core::Result<BlockHead> latest_block();
  // The account's contract code: empty for a plain account (a call to it does nothing).
  core::Result<Bytes> code(const Address& account);

 private:
  JsonRpcClient& rpc_;
};

// "0x…" quantity as the node sends it. Errors: "invalid_rpc_response".
core::Result<Uint256> parse_quantity(const nlohmann::json& value, std::string_view what);
core::Result<std::uint64_t> parse_quantity_u64(const nlohmann::json& value, std::string_view what);

}  // namespace polycopy::chain
