// The JSON-RPC client against scripted loopback nodes: failover past nodes that are down
// or answer 429/5xx (and staying on the one that answered), errors that are answers (not
// retried elsewhere), revert reasons as geth and ganache report them, malformed answers,
// and the typed calls' parsing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "chain/abi.hpp"
#include "chain/eth_client.hpp"
#include "chain/hex.hpp"
#include "net/raw_http_server.hpp"

namespace polycopy::chain {
namespace {

using net::testing::http_response;
using net::testing::RawHttpServer;
using net::testing::RawReply;
using nlohmann::json;

net::HttpClientOptions one_attempt() {
  net::HttpClientOptions options;
  options.retry.max_attempts = 1;
  return options;
}

// A node answering every request with `body` (HTTP status `status`).
RawHttpServer::Script answer(int status, std::string body) {
  return [status, body](int, const std::string&) {
    return RawReply{http_response(status, body, "Content-Type: application/json\r\n")};
  };
}

std::string result(const json& value) {
  return json{{"jsonrpc", "2.0"}, {"id", 1}, {"result", value}}.dump();
}
std::string error(const json& value) {
  return json{{"jsonrpc", "2.0"}, {"id", 1}, {"error", value}}.dump();
}

// Error(string) revert data for `reason`.
std::string error_string_data(const std::string& reason) {
  const AbiValue args[] = {reason};
  Bytes data{0x08, 0xc3, 0x79, 0xa0};
  const Bytes encoded = abi_encode(args);
  data.insert(data.end(), encoded.begin(), encoded.end());
  return to_hex(data);
}

std::string body_of(const std::string& request) {
  return request.substr(request.find("\r\n\r\n") + 4);
}

TEST(JsonRpcClient, FailsOverAndStaysOnTheNodeThatAnswered) {
  RawHttpServer busy(answer(503, "overloaded"));
  RawHttpServer limited(answer(429, "slow down"));
  RawHttpServer good(answer(200, result("0x89")));
  net::HttpClient http(one_attempt());
  JsonRpcClient rpc(http, {busy.url("/"), limited.url("/"), good.url("/rpc")});
  EthClient eth(rpc);
  EXPECT_EQ(eth.chain_id().value(), 137u);
  EXPECT_EQ(busy.requests(), 1);
  EXPECT_EQ(limited.requests(), 1);
  EXPECT_EQ(good.requests(), 1);
  const json sent = json::parse(body_of(good.received().at(0)));
  EXPECT_EQ(sent["jsonrpc"], "2.0");
  EXPECT_EQ(sent["method"], "eth_chainId");
  EXPECT_EQ(sent["params"], json::array());
  // The next call starts where the last answer came from.
  EXPECT_EQ(eth.chain_id().value(), 137u);
  EXPECT_EQ(busy.requests(), 1);
  EXPECT_EQ(good.requests(), 2);
}

TEST(JsonRpcClient, NoNodeAnsweringIsUnavailableNamingEach) {
  RawHttpServer busy(answer(502, "bad gateway"));
  net::HttpClient http(one_attempt());
  JsonRpcClient rpc(http, {"http://127.0.0.1:" + std::to_string(net::testing::closed_port()) + "/",
                           busy.url("/")});
  const auto got = rpc.call("eth_blockNumber", json::array());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "rpc_unavailable");
  EXPECT_NE(got.error().message.find("node 1: connection_failed"), std::string::npos)
      << got.error().message;
  EXPECT_NE(got.error().message.find("node 2: http_status"), std::string::npos);
  EXPECT_EQ(JsonRpcClient(http, {}).call("eth_chainId", json::array()).error().code,
            "rpc_unavailable");
}

TEST(JsonRpcClient, AnErrorAnswerIsReturnedNotRetriedElsewhere) {
  RawHttpServer first(answer(200, error({{"code", -32000}, {"message", "nonce too low"}})));
  RawHttpServer second(answer(200, result("0x1")));
  net::HttpClient http(one_attempt());
  JsonRpcClient rpc(http, {first.url("/"), second.url("/")});
  const auto got = rpc.call("eth_sendRawTransaction", json::array({"0x02"}));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "rpc_error");
  EXPECT_NE(got.error().message.find("nonce too low"), std::string::npos);
  EXPECT_NE(got.error().message.find("-32000"), std::string::npos);
  EXPECT_EQ(second.requests(), 0);
  // A 4xx (not 429) is the node's answer too.
  RawHttpServer refusing(answer(400, "bad request"));
  JsonRpcClient strict(http, {refusing.url("/"), second.url("/")});
  EXPECT_EQ(strict.call("eth_chainId", json::array()).error().code, "rpc_error");
  EXPECT_EQ(second.requests(), 0);
}

TEST(JsonRpcClient, RevertReasonsAsNodesReportThem) {
  net::HttpClient http(one_attempt());
  // geth: the reason in the message and as Error(string) data.
  RawHttpServer geth(
      answer(200, error({{"code", 3},
                         {"message", "execution reverted: result for condition not received yet"},
                         {"data", error_string_data("result for condition not received yet")}})));
  // ganache: the data in an object.
  RawHttpServer ganache(
      answer(200, error({{"code", -32000},
                         {"message", "VM Exception while processing transaction: revert nope"},
                         {"data", {{"result", error_string_data("nope")}, {"reason", "nope"}}}})));
  // A revert without data, and one without any reason at all.
  RawHttpServer bare(answer(200, error({{"code", -32000}, {"message", "execution reverted"}})));
  RawHttpServer silent(answer(200, error({{"code", -32000}, {"message", "revert"}})));
  const auto code_and_reason = [&](RawHttpServer& node) {
    JsonRpcClient rpc(http, {node.url("/")});
    EthClient eth(rpc);
    const auto got = eth.call(CallRequest{std::nullopt, Address{}, {}, std::nullopt, std::nullopt});
    return got.ok() ? std::string("ok") : got.error().code + "|" + got.error().message;
  };
  EXPECT_EQ(code_and_reason(geth), "execution_reverted|result for condition not received yet");
  EXPECT_EQ(code_and_reason(ganache), "execution_reverted|nope");
  EXPECT_EQ(code_and_reason(bare), "execution_reverted|reverted without a reason");
  EXPECT_EQ(code_and_reason(silent), "execution_reverted|reverted without a reason");
}

TEST(JsonRpcClient, MalformedAnswersAreRefused) {
  net::HttpClient http(one_attempt());
  for (const std::string& body :
       {std::string("not json"), std::string("[1]"), json{{"jsonrpc", "2.0"}, {"id", 1}}.dump()}) {
    RawHttpServer node(answer(200, body));
    JsonRpcClient rpc(http, {node.url("/")});
    EXPECT_EQ(rpc.call("eth_chainId", json::array()).error().code, "invalid_rpc_response") << body;
  }
  for (const json& bad :
       {json(137), json("137"), json("0x"), json("0xzz"), json("0x" + std::string(17, 'f'))}) {
    RawHttpServer node(answer(200, result(bad)));
    JsonRpcClient rpc(http, {node.url("/")});
    EXPECT_EQ(EthClient(rpc).chain_id().error().code, "invalid_rpc_response") << bad.dump();
  }
}

TEST(EthClient, ReceiptsLogsAndFees) {
  net::HttpClient http(one_attempt());
  const std::string hash = "0x" + std::string(62, '0') + "ab";
  const json log{{"address", "0x" + std::string(38, '0') + "0c"},
                 {"topics", {hash}},
                 {"data", "0x0102"},
                 {"blockNumber", "0x10"},
                 {"transactionHash", hash},
                 {"logIndex", "0x0"}};
  RawHttpServer node([&](int index, const std::string& request) {
    const json sent = json::parse(body_of(request));
    const std::string method = sent["method"];
    json value;
    if (method == "eth_getTransactionReceipt")
      value = index == 0 ? json(nullptr)
                         : json{{"transactionHash", hash},
                                {"blockNumber", "0x10"},
                                {"status", "0x0"},
                                {"gasUsed", "0x5208"},
                                {"effectiveGasPrice", "0x3b9aca00"},
                                {"logs", {log}}};
    if (method == "eth_getLogs") value = json::array({log});
    if (method == "eth_feeHistory")
      value = {{"oldestBlock", "0xf"},
               {"baseFeePerGas", {"0x7", "0x8"}},
               {"reward", json::array({json::array({"0x1", "0x2"})})}};
    return RawReply{http_response(200, result(value))};
  });
  JsonRpcClient rpc(http, {node.url("/")});
  EthClient eth(rpc);
  const auto bytes = parse_bytes32(hash).value();
  EXPECT_FALSE(eth.transaction_receipt(bytes).value().has_value());  // not mined yet
  const auto receipt = eth.transaction_receipt(bytes).value().value();
  EXPECT_FALSE(receipt.success);
  EXPECT_EQ(receipt.block_number, 16u);
  EXPECT_EQ(receipt.gas_used, 21000u);
  EXPECT_EQ(receipt.effective_gas_price.to_decimal(), "1000000000");
  ASSERT_EQ(receipt.logs.size(), 1u);
  EXPECT_EQ(to_hex(receipt.logs[0].data), "0x0102");
  LogFilter filter;
  filter.from_block = 5;
  filter.topics = {bytes, std::nullopt};
  EXPECT_EQ(eth.get_logs(filter).value().size(), 1u);
  const json sent = json::parse(body_of(node.received().back()));
  EXPECT_EQ(sent["params"][0]["fromBlock"], "0x5");
  EXPECT_EQ(sent["params"][0]["toBlock"], "latest");
  EXPECT_EQ(sent["params"][0]["topics"], json::array({hash, nullptr}));
  const auto fees = eth.fee_history(1, {50, 90}).value();
  EXPECT_EQ(fees.oldest_block, 15u);
  EXPECT_EQ(fees.base_fee_per_gas.size(), 2u);
  ASSERT_EQ(fees.reward.size(), 1u);
  EXPECT_EQ(fees.reward[0][1].to_decimal(), "2");
}

}  // namespace
}  // namespace polycopy::chain
