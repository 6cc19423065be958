#include "chain/json_rpc_client.hpp"

#include "chain/abi.hpp"
#include "chain/hex.hpp"

namespace polycopy::chain {
namespace {

// Worth trying another node: nothing usable came back from this one.
bool node_failed(const net::HttpError& error) {
  if (error.code != "http_status") return true;
  return error.status == 429 || error.status >= 500;
}

// Error(string) revert data: the selector 0x08c379a0, then the ABI-encoded string.
std::optional<std::string> decode_error_string(const std::string& hex) {
  auto bytes = parse_hex(hex);
  if (!bytes || bytes->size() < 4 || (*bytes)[0] != 0x08 || (*bytes)[1] != 0xc3 ||
      (*bytes)[2] != 0x79 || (*bytes)[3] != 0xa0)
    return std::nullopt;
  const AbiDecoder decoder(ByteView(bytes->data() + 4, bytes->size() - 4));
  auto text = decoder.bytes(0);
  if (!text) return std::nullopt;
  return std::string(text->begin(), text->end());
}

// Revert data wherever a node puts it: "data": "0x…" (geth and most nodes), or an object
// with "result"/"data" (ganache).
std::optional<std::string> revert_data(const nlohmann::json& error) {
  if (!error.contains("data")) return std::nullopt;
  const auto& data = error["data"];
  if (data.is_string()) return data.get<std::string>();
  if (data.is_object()) {
    for (const char* key : {"result", "data"})
      if (data.contains(key) && data[key].is_string()) return data[key].get<std::string>();
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> revert_reason(const nlohmann::json& error) {
  if (!error.is_object()) return std::nullopt;
  if (auto data = revert_data(error))
    if (auto reason = decode_error_string(*data)) return reason;
  const std::string message = error.value("message", "");
  if (message.find("revert") == std::string::npos) return std::nullopt;
  // "execution reverted: why" / "VM Exception while processing transaction: revert why"
  for (const std::string_view marker : {"reverted: ", "revert "}) {
    const auto at = message.find(marker);
    if (at != std::string::npos) return message.substr(at + marker.size());
  }
  return std::string();
}

JsonRpcClient::JsonRpcClient(net::HttpClient& http, std::vector<std::string> urls)
    : http_(http), urls_(std::move(urls)) {}

core::Result<nlohmann::json> JsonRpcClient::call(std::string_view method, nlohmann::json params) {
  if (urls_.empty()) return core::Error{"rpc_unavailable", "no RPC URL is configured"};
  std::size_t first = 0;
  std::uint64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    first = preferred_;
    id = next_id_++;
  }
  const std::string body = nlohmann::json{
      {"jsonrpc", "2.0"},
      {"id", id},
      {"method", std::string(method)},
      {"params",
       std::move(params)}}.dump();
  std::string failures;
  for (std::size_t k = 0; k < urls_.size(); ++k) {
    const std::size_t index = (first + k) % urls_.size();
    net::HttpRequest request;
    request.method = net::HttpMethod::post;
    request.url = urls_[index];
    request.headers = {{"Content-Type", "application/json"}};
    request.body = body;
    // Reads are harmless to repeat, and so is a raw transaction: the chain knows it by hash.
    request.idempotent = true;
    request.rate_key = "rpc";
    const auto answered = http_.send(request);
    if (!answered) {
      const auto& error = answered.error();
      if (!node_failed(error)) {
        const std::string text = error.response ? error.response->body : error.message;
        return core::Error{"rpc_error", "node " + std::to_string(index + 1) + " answered " +
                                            std::to_string(error.status) + ": " +
                                            text.substr(0, 200)};
      }
      failures += (failures.empty() ? "" : "; ") + std::string("node ") +
                  std::to_string(index + 1) + ": " + error.code + " (" + error.message + ")";
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      preferred_ = index;
    }
    nlohmann::json reply;
    try {
      reply = nlohmann::json::parse(answered->body);
    } catch (const nlohmann::json::exception&) {
      return core::Error{"invalid_rpc_response", std::string(method) + ": the answer is not JSON"};
    }
    if (!reply.is_object())
      return core::Error{"invalid_rpc_response", std::string(method) + ": not an object"};
    if (reply.contains("error") && !reply["error"].is_null()) {
      const auto& error = reply["error"];
      if (const auto reason = revert_reason(error))
        return core::Error{"execution_reverted",
                           reason->empty() ? std::string("reverted without a reason") : *reason};
      const std::string message =
          error.is_object() ? error.value("message", error.dump()) : error.dump();
      const std::string code =
          error.is_object() && error.contains("code") ? error["code"].dump() + ": " : std::string();
      return core::Error{"rpc_error", std::string(method) + ": " + code + message};
    }
    if (!reply.contains("result"))
      return core::Error{"invalid_rpc_response", std::string(method) + ": no result"};
    return std::move(reply["result"]);
  }
  return core::Error{"rpc_unavailable", std::string(method) + ": " + failures};
}

}  // namespace polycopy::chain
