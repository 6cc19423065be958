#include "chain/eth_client.hpp"

#include "chain/address.hpp"
#include "chain/hex.hpp"

namespace polycopy::chain {
namespace {

using nlohmann::json;

core::Error malformed(std::string_view what, std::string_view why) {
  return core::Error{"invalid_rpc_response", std::string(what) + ": " + std::string(why)};
}

std::string quantity(std::uint64_t value) {
  return Uint256(value).to_hex();
}

json call_object(const CallRequest& r) {
  json out{{"to", to_hex(r.to)}, {"data", to_hex(r.data)}};
  if (r.from) out["from"] = to_hex(*r.from);
  if (r.value) out["value"] = r.value->to_hex();
  if (r.gas) out["gas"] = quantity(*r.gas);
  return out;
}

core::Result<Bytes> parse_data(const json& value, std::string_view what) {
  if (!value.is_string()) return malformed(what, "not a hex string");
  auto bytes = parse_hex(value.get<std::string>());
  if (!bytes) return malformed(what, bytes.error().message);
  return bytes;
}

core::Result<Bytes32> parse_hash(const json& value, std::string_view what) {
  if (!value.is_string()) return malformed(what, "not a hex string");
  auto hash = parse_bytes32(value.get<std::string>());
  if (!hash) return malformed(what, hash.error().message);
  return hash;
}

core::Result<Address> parse_address_field(const json& value, std::string_view what) {
  if (!value.is_string()) return malformed(what, "not an address");
  auto address = parse_address(value.get<std::string>());
  if (!address) return malformed(what, address.error().message);
  return address;
}

core::Result<LogEntry> parse_log(const json& value) {
  if (!value.is_object()) return malformed("log", "not an object");
  LogEntry log;
  auto address = parse_address_field(value.value("address", json()), "log address");
  if (!address) return address.error();
  log.address = *address;
  if (!value.contains("topics") || !value["topics"].is_array())
    return malformed("log", "no topics");
  for (const auto& topic : value["topics"]) {
    auto parsed = parse_hash(topic, "log topic");
    if (!parsed) return parsed.error();
    log.topics.push_back(*parsed);
  }
  auto data = parse_data(value.value("data", json()), "log data");
  if (!data) return data.error();
  log.data = std::move(*data);
  auto block = parse_quantity_u64(value.value("blockNumber", json()), "log blockNumber");
  if (!block) return block.error();
  log.block_number = *block;
  auto tx = parse_hash(value.value("transactionHash", json()), "log transactionHash");
  if (!tx) return tx.error();
  log.transaction_hash = *tx;
  auto index = parse_quantity_u64(value.value("logIndex", json()), "logIndex");
  if (!index) return index.error();
  log.log_index = *index;
  return log;
}

}  // namespace

core::Result<Uint256> parse_quantity(const json& value, std::string_view what) {
  if (!value.is_string()) return malformed(what, "not a quantity");
  const std::string text = value.get<std::string>();
  if (text.size() < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
    return malformed(what, "not a 0x quantity");
  auto parsed = Uint256::parse_hex(text);
  if (!parsed) return malformed(what, parsed.error().message);
  return parsed;
}

core::Result<std::uint64_t> parse_quantity_u64(const json& value, std::string_view what) {
  auto parsed = parse_quantity(value, what);
  if (!parsed) return parsed.error();
  const auto small = parsed->to_u64();
  if (!small) return malformed(what, "over 64 bits");
  return *small;
}

core::Result<std::uint64_t> EthClient::chain_id() {
  auto result = rpc_.call("eth_chainId", json::array());
  if (!result) return result.error();
  return parse_quantity_u64(*result, "eth_chainId");
}

core::Result<std::uint64_t> EthClient::block_number() {
  auto result = rpc_.call("eth_blockNumber", json::array());
  if (!result) return result.error();
  return parse_quantity_u64(*result, "eth_blockNumber");
}

core::Result<std::uint64_t> EthClient::transaction_count(const Address& account,
                                                         std::string_view tag) {
  auto result = rpc_.call("eth_getTransactionCount", json::array({to_hex(account), tag}));
  if (!result) return result.error();
  return parse_quantity_u64(*result, "eth_getTransactionCount");
}

core::Result<Uint256> EthClient::balance(const Address& account) {
  auto result = rpc_.call("eth_getBalance", json::array({to_hex(account), "latest"}));
  if (!result) return result.error();
  return parse_quantity(*result, "eth_getBalance");
}

core::Result<std::uint64_t> EthClient::estimate_gas(const CallRequest& request) {
  auto result = rpc_.call("eth_estimateGas", json::array({call_object(request)}));
  if (!result) return result.error();
  return parse_quantity_u64(*result, "eth_estimateGas");
}

core::Result<Uint256> EthClient::max_priority_fee_per_gas() {
  auto result = rpc_.call("eth_maxPriorityFeePerGas", json::array());
  if (!result) return result.error();
  return parse_quantity(*result, "eth_maxPriorityFeePerGas");
}

core::Result<FeeHistory> EthClient::fee_history(std::uint64_t blocks,
                                                const std::vector<int>& percentiles) {
  auto result = rpc_.call("eth_feeHistory", json::array({quantity(blocks), "latest", percentiles}));
  if (!result) return result.error();
  if (!result->is_object()) return malformed("eth_feeHistory", "not an object");
  FeeHistory out;
  auto oldest = parse_quantity_u64(result->value("oldestBlock", json()), "oldestBlock");
  if (!oldest) return oldest.error();
  out.oldest_block = *oldest;
  if (!result->contains("baseFeePerGas") || !(*result)["baseFeePerGas"].is_array())
    return malformed("eth_feeHistory", "no baseFeePerGas");
  for (const auto& fee : (*result)["baseFeePerGas"]) {
    auto parsed = parse_quantity(fee, "baseFeePerGas");
    if (!parsed) return parsed.error();
    out.base_fee_per_gas.push_back(*parsed);
  }
  if (result->contains("reward") && (*result)["reward"].is_array()) {
    for (const auto& block : (*result)["reward"]) {
      if (!block.is_array()) return malformed("eth_feeHistory", "a reward row is not a list");
      std::vector<Uint256> row;
      for (const auto& reward : block) {
        auto parsed = parse_quantity(reward, "reward");
        if (!parsed) return parsed.error();
        row.push_back(*parsed);
      }
      out.reward.push_back(std::move(row));
    }
  }
  return out;
}

core::Result<Bytes32> EthClient::send_raw_transaction(ByteView raw) {
  auto result = rpc_.call("eth_sendRawTransaction", json::array({to_hex(raw)}));
  if (!result) return result.error();
  return parse_hash(*result, "eth_sendRawTransaction");
}

core::Result<std::optional<TransactionReceipt>> EthClient::transaction_receipt(
    const Bytes32& hash) {
  auto result = rpc_.call("eth_getTransactionReceipt", json::array({to_hex(hash)}));
  if (!result) return result.error();
  if (result->is_null()) return std::optional<TransactionReceipt>{};
  if (!result->is_object()) return malformed("eth_getTransactionReceipt", "not an object");
  const json& r = *result;
  TransactionReceipt receipt;
  auto tx = parse_hash(r.value("transactionHash", json()), "receipt transactionHash");
  if (!tx) return tx.error();
  receipt.transaction_hash = *tx;
  auto block = parse_quantity_u64(r.value("blockNumber", json()), "receipt blockNumber");
  if (!block) return block.error();
  receipt.block_number = *block;
  auto status = parse_quantity_u64(r.value("status", json()), "receipt status");
  if (!status) return status.error();
  receipt.success = *status == 1;
  auto gas = parse_quantity_u64(r.value("gasUsed", json()), "receipt gasUsed");
  if (!gas) return gas.error();
  receipt.gas_used = *gas;
  if (r.contains("effectiveGasPrice")) {
    auto price = parse_quantity(r["effectiveGasPrice"], "receipt effectiveGasPrice");
    if (!price) return price.error();
    receipt.effective_gas_price = *price;
  }
  if (r.contains("logs") && r["logs"].is_array())
    for (const auto& entry : r["logs"]) {
      auto log = parse_log(entry);
      if (!log) return log.error();
      receipt.logs.push_back(std::move(*log));
    }
  return std::optional<TransactionReceipt>{std::move(receipt)};
}

core::Result<Bytes> EthClient::call(const CallRequest& request, std::string_view block) {
  auto result = rpc_.call("eth_call", json::array({call_object(request), block}));
  if (!result) return result.error();
  return parse_data(*result, "eth_call");
}

core::Result<BlockHead> EthClient::latest_block() {
  auto result = rpc_.call("eth_getBlockByNumber", json::array({"latest", false}));
  if (!result) return result.error();
  if (!result->is_object()) return malformed("eth_getBlockByNumber", "not a block");
  auto number = parse_quantity_u64(result->value("number", json()), "number");
  if (!number) return number.error();
  auto timestamp = parse_quantity_u64(result->value("timestamp", json()), "timestamp");
  if (!timestamp) return timestamp.error();
  return BlockHead{*number, *timestamp};
}

core::Result<Bytes> EthClient::code(const Address& account) {
  auto result = rpc_.call("eth_getCode", json::array({to_hex(account), "latest"}));
  if (!result) return result.error();
  return parse_data(*result, "eth_getCode");
}

core::Result<std::vector<LogEntry>> EthClient::get_logs(const LogFilter& filter) {
  json query{{"fromBlock", quantity(filter.from_block)},
             {"toBlock", filter.to_block ? quantity(*filter.to_block) : "latest"}};
  if (filter.address) query["address"] = to_hex(*filter.address);
  json topics = json::array();
  for (const auto& topic : filter.topics)
    topics.push_back(topic ? json(to_hex(*topic)) : json(nullptr));
  if (!topics.empty()) query["topics"] = topics;
  auto result = rpc_.call("eth_getLogs", json::array({query}));
  if (!result) return result.error();
  if (!result->is_array()) return malformed("eth_getLogs", "not a list");
  std::vector<LogEntry> out;
  for (const auto& entry : *result) {
    auto log = parse_log(entry);
    if (!log) return log.error();
    out.push_back(std::move(*log));
  }
  return out;
}

}  // namespace polycopy::chain
