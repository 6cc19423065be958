// Bad requests answer 4xx with an exact error code, never change stored rows, and never
// stop the server.
#include <gtest/gtest.h>

#include <boost/algorithm/string/replace.hpp>

#include "service/api_fixture.hpp"

namespace polycopy::testing {
namespace {

using nlohmann::json;

struct BadRequest {
  std::string label;
  std::string method;
  std::string target;  // "{ft}" / "{lt}" stand for alice's strategies
  std::string body;
  std::map<std::string, std::string> headers;  // "{key}" stands for alice's key
  int status;
  std::string code;
};

const std::map<std::string, std::string> kAuth{{"authorization", "Bearer {key}"}};
std::map<std::string, std::string> auth_with(std::string name, std::string value) {
  auto headers = kAuth;
  headers[std::move(name)] = std::move(value);
  return headers;
}

std::string nested(int depth) {
  return "{\"name\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
}

const std::string kFt = "/api/ft/strategies";
const std::string kLt = "/api/lt/strategies";

std::vector<BadRequest> bad_requests() {
  return {
      // Authentication.
      {"no_auth", "GET", kFt, "", {}, 401, "unauthorized"},
      {"bearer_without_key", "GET", kFt, "", {{"authorization", "Bearer "}}, 401, "unauthorized"},
      {"basic_scheme", "GET", kFt, "", {{"authorization", "Basic {key}"}}, 401, "unauthorized"},
      {"unknown_key", "GET", kFt, "", {{"authorization", "Bearer pc_nope"}}, 401, "unauthorized"},
      {"key_with_suffix",
       "GET",
       kFt,
       "",
       {{"authorization", "Bearer {key}x"}},
       401,
       "unauthorized"},
      {"no_auth_create", "POST", kFt, R"({"name":"x"})", {}, 401, "unauthorized"},
      {"no_auth_pause", "POST", "/api/ft/strategies/{ft}/pause", "", {}, 401, "unauthorized"},
      // Routing.
      {"unknown_route", "GET", "/api/xx", "", kAuth, 404, "route_not_found"},
      {"unknown_subroute", "POST", "/api/ft/strategies/{ft}/explode", "", kAuth, 404,
       "route_not_found"},
      {"trailing_slash", "GET", "/api/ft/strategies/", "", kAuth, 404, "route_not_found"},
      {"root", "GET", "/", "", {}, 404, "route_not_found"},
      {"delete_collection", "DELETE", kFt, "", kAuth, 405, "method_not_allowed"},
      {"put_strategy", "PUT", "/api/ft/strategies/{ft}", "{}", kAuth, 405, "method_not_allowed"},
      {"get_pause", "GET", "/api/lt/strategies/{lt}/pause", "", kAuth, 405, "method_not_allowed"},
      {"post_healthz", "POST", "/healthz", "", {}, 405, "method_not_allowed"},
      {"bad_escape", "GET", "/api/ft/strategies/%zz", "", kAuth, 400, "bad_request"},
      // Unknown ids.
      {"get_unknown", "GET", "/api/ft/strategies/ft_unknown", "", kAuth, 404, "strategy_not_found"},
      {"patch_unknown", "PATCH", "/api/lt/strategies/lt_unknown", R"({"name":"x"})", kAuth, 404,
       "strategy_not_found"},
      {"pause_unknown", "POST", "/api/ft/strategies/nope/pause", "", kAuth, 404,
       "strategy_not_found"},
      {"resume_lt_as_ft", "POST", "/api/ft/strategies/{lt}/resume", "", kAuth, 404,
       "strategy_not_found"},
      // Content type and JSON syntax.
      {"text_plain", "POST", kFt, R"({"name":"x"})", auth_with("content-type", "text/plain"), 415,
       "unsupported_media_type"},
      {"form_patch", "PATCH", "/api/ft/strategies/{ft}", "name=x",
       auth_with("content-type", "application/x-www-form-urlencoded"), 415,
       "unsupported_media_type"},
      {"empty_body", "POST", kFt, "", auth_with("content-type", "application/json"), 400,
       "invalid_json"},
      {"truncated_json", "POST", kFt, R"({"name":)", kAuth, 400, "invalid_json"},
      {"trailing_garbage", "POST", kFt, R"({"name":"x"} x)", kAuth, 400, "invalid_json"},
      {"too_deep", "POST", kFt, nested(100), kAuth, 400, "invalid_json"},
      {"very_deep", "POST", kFt, nested(200'000), kAuth, 400, "invalid_json"},
      {"invalid_utf8", "POST", kFt, "{\"name\":\"\xff\xfe\"}", kAuth, 400, "invalid_json"},
      {"array_body", "POST", kFt, "[1,2]", kAuth, 400, "wrong_type"},
      {"string_body", "PATCH", "/api/ft/strategies/{ft}", R"("x")", kAuth, 400, "wrong_type"},
      // Fields.
      {"unknown_field", "POST", kFt, R"({"name":"x","colour":"red"})", kAuth, 400, "unknown_field"},
      {"id_read_only", "POST", kFt, R"({"name":"x","id":"ft_1"})", kAuth, 400, "field_read_only"},
      {"paused_read_only", "PATCH", "/api/ft/strategies/{ft}", R"({"paused":true})", kAuth, 400,
       "field_read_only"},
      {"name_missing", "POST", kFt, R"({"bet_size":"5"})", kAuth, 400, "missing_field"},
      {"name_number", "POST", kFt, R"({"name":5})", kAuth, 400, "wrong_type"},
      {"name_null", "PATCH", "/api/ft/strategies/{ft}", R"({"name":null})", kAuth, 400,
       "wrong_type"},
      {"name_empty", "POST", kFt, R"({"name":""})", kAuth, 422, "name_invalid"},
      {"name_long", "POST", kFt, R"({"name":")" + std::string(101, 'n') + "\"}", kAuth, 422,
       "name_invalid"},
      {"bet_not_decimal", "POST", kFt, R"({"name":"x","bet_size":"abc"})", kAuth, 400,
       "invalid_decimal"},
      {"bet_too_precise", "POST", kFt, R"({"name":"x","bet_size":"1.0000001"})", kAuth, 400,
       "too_precise"},
      {"bet_bool", "POST", kFt, R"({"name":"x","bet_size":true})", kAuth, 400, "wrong_type"},
      {"bet_overflow", "POST", kFt, R"({"name":"x","bet_size":"1e30"})", kAuth, 400, "overflow"},
      {"bet_negative", "PATCH", "/api/ft/strategies/{ft}", R"({"bet_size":-5})", kAuth, 422,
       "bet_size_invalid"},
      {"price_above_one", "POST", kFt, R"({"name":"x","price_min":"1.5"})", kAuth, 422,
       "price_out_of_range"},
      {"price_min_above_max", "PATCH", "/api/ft/strategies/{ft}",
       R"({"price_min":"0.8","price_max":0.2})", kAuth, 422, "price_range_invalid"},
      {"age_fraction", "POST", kFt, R"({"name":"x","max_trade_age_seconds":1.5})", kAuth, 400,
       "wrong_type"},
      {"age_string", "POST", kFt, R"({"name":"x","max_trade_age_seconds":"600"})", kAuth, 400,
       "wrong_type"},
      {"age_huge", "POST", kFt, R"({"name":"x","max_trade_age_seconds":18446744073709551615})",
       kAuth, 400, "overflow"},
      {"traders_not_array", "POST", kFt, R"({"name":"x","target_traders":"0xabc"})", kAuth, 400,
       "wrong_type"},
      {"trader_not_address", "POST", kFt, R"({"name":"x","target_traders":["0x12"]})", kAuth, 422,
       "invalid_address"},
      {"trader_number", "POST", kFt, R"({"name":"x","target_traders":[1]})", kAuth, 400,
       "wrong_type"},
      {"sizing_unknown", "POST", kFt, R"({"name":"x","sizing_mode":"yolo"})", kAuth, 400,
       "invalid_enum"},
      {"slippage_high", "POST", kFt, R"({"name":"x","slippage":"0.6"})", kAuth, 422,
       "slippage_invalid"},
      {"bets_inverted", "POST", kFt, R"({"name":"x","min_bet":50,"max_bet":20})", kAuth, 422,
       "bet_range_invalid"},
      {"model_threshold", "POST", kFt, R"({"name":"x","model_threshold":"0.6"})", kAuth, 422,
       "model_not_available"},
      {"win_rate_high", "PATCH", "/api/ft/strategies/{ft}", R"({"min_trader_win_rate":1.5})", kAuth,
       422, "win_rate_invalid"},
      {"created_at_read_only", "PATCH", "/api/ft/strategies/{ft}",
       R"({"created_at":"2020-01-01T00:00:00.000Z"})", kAuth, 400, "field_read_only"},
      // LT specifics.
      {"lt_no_ft", "POST", kLt, R"({"name":"x"})", kAuth, 400, "missing_field"},
      {"lt_unknown_ft", "POST", kLt, R"({"name":"x","ft_strategy_id":"ft_missing"})", kAuth, 422,
       "ft_strategy_not_found"},
      {"lt_order_type", "PATCH", "/api/lt/strategies/{lt}", R"({"order_type":"LIMIT"})", kAuth, 400,
       "invalid_enum"},
      {"lt_expiry_short", "PATCH", "/api/lt/strategies/{lt}", R"({"order_expiry_seconds":5})",
       kAuth, 422, "order_expiry_invalid"},
      {"lt_time_zone", "PATCH", "/api/lt/strategies/{lt}", R"({"time_zone":"Nowhere/City"})", kAuth,
       422, "invalid_time_zone"},
      {"lt_risk_not_object", "PATCH", "/api/lt/strategies/{lt}", R"({"risk":5})", kAuth, 400,
       "wrong_type"},
      {"lt_risk_unknown", "PATCH", "/api/lt/strategies/{lt}", R"({"risk":{"max_fun":1}})", kAuth,
       400, "unknown_field"},
      {"lt_budget_order", "PATCH", "/api/lt/strategies/{lt}",
       R"({"risk":{"daily_budget_usd":"100","weekly_budget_usd":"50"}})", kAuth, 422,
       "budget_order_invalid"},
      {"lt_drawdown", "PATCH", "/api/lt/strategies/{lt}", R"({"risk":{"max_drawdown_pct":2}})",
       kAuth, 422, "percentage_invalid"},
      {"lt_risk_negative", "PATCH", "/api/lt/strategies/{lt}",
       R"({"risk":{"max_position_usd":"-1"}})", kAuth, 422, "risk_limit_invalid"},
      {"lt_unknown_wallet", "PATCH", "/api/lt/strategies/{lt}", R"({"wallet_id":"wal_nope"})",
       kAuth, 422, "wallet_not_found"},
      {"lt_other_ft", "PATCH", "/api/lt/strategies/{lt}", R"({"ft_strategy_id":"{lt}"})", kAuth,
       422, "ft_strategy_not_found"},
      {"lt_resume_no_wallet", "POST", "/api/lt/strategies/{lt}/resume", "", kAuth, 409,
       "wallet_required"},
      // Size.
      {"body_too_large", "POST", kFt,
       R"({"name":"x","description":")" + std::string(1 << 20, 'd') + "\"}", kAuth, 413,
       "body_too_large"},
  };
}

std::string substitute(std::string text, const std::string& ft, const std::string& lt,
                       const std::string& key) {
  boost::replace_all(text, "{ft}", ft);
  boost::replace_all(text, "{lt}", lt);
  boost::replace_all(text, "{key}", key);
  return text;
}

class ApiMalformed : public ApiFixture {};

TEST_F(ApiMalformed, EveryBadRequestAnswersItsCodeAndChangesNothing) {
  const json ft = create_ft(alice_key_);
  const json lt = create_lt(alice_key_, ft["id"]);
  const std::string ft_id = ft["id"], lt_id = lt["id"];
  const auto cases = bad_requests();
  ASSERT_GE(cases.size(), 40u);

  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    std::map<std::string, std::string> headers;
    for (const auto& [name, value] : c.headers)
      headers[name] = substitute(value, ft_id, lt_id, alice_key_);
    const std::string body =
        c.body.size() > 1000 ? c.body : substitute(c.body, ft_id, lt_id, alice_key_);
    auto response =
        client_->request(c.method, substitute(c.target, ft_id, lt_id, alice_key_), body, headers);
    EXPECT_EQ(response.status, c.status) << response.body.substr(0, 300);
    EXPECT_EQ(response.error_code(), c.code) << response.body.substr(0, 300);
    EXPECT_TRUE(response.json()["error"]["message"].is_string());
  }

  // Nothing stored changed, and the server still answers.
  EXPECT_EQ(client_->get("/api/ft/strategies/" + ft_id, alice_key_).json(), ft);
  EXPECT_EQ(client_->get("/api/lt/strategies/" + lt_id, alice_key_).json(), lt);
  auto ft_rows = store_->list_ft_strategies(alice_id_);
  auto lt_rows = store_->list_lt_strategies(alice_id_);
  ASSERT_TRUE(ft_rows.ok() && lt_rows.ok());
  EXPECT_EQ(ft_rows->size(), 1u);
  EXPECT_EQ(lt_rows->size(), 1u);
  EXPECT_TRUE(store_->list_ft_strategies(bob_id_)->empty());
  EXPECT_EQ(client_->request("GET", "/healthz").status, 200);
}

TEST_F(ApiMalformed, RawGarbageAndTruncatedRequestsDoNotKillTheServer) {
  const std::vector<std::string> garbage{
      std::string("\x00\x01\x02\xff garbage\r\n\r\n", 16),
      "HELLO WORLD\r\n\r\n",
      "GET /healthz HTTP/9.9\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost",  // truncated header
      "POST /api/ft/strategies HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"na",
      "GET /healthz HTTP/1.1\r\nBad Header Without Colon\r\n\r\n",
      "GET http://example.com/healthz HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /api/ft/strategies HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
      "POST /api/ft/strategies HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX: " + std::string(40'000, 'a') + "\r\n\r\n",
  };
  for (const auto& bytes : garbage) {
    const std::string answer = raw_exchange(port_, bytes);
    if (!answer.empty()) {
      EXPECT_TRUE(answer.starts_with("HTTP/1.1 4")) << answer.substr(0, 200);
    }
    EXPECT_EQ(client_->request("GET", "/healthz").status, 200);
  }
  const std::string header_flood = raw_exchange(
      port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nX: " + std::string(40'000, 'a') + "\r\n\r\n");
  EXPECT_NE(header_flood.find("headers_too_large"), std::string::npos);
}

TEST_F(ApiMalformed, OversizedBodiesAreRefusedWhateverTheHeadersSay) {
  const std::string auth = "Authorization: Bearer " + alice_key_ + "\r\n";
  // Declared too large up front.
  std::string declared = raw_exchange(
      port_, "POST /api/ft/strategies HTTP/1.1\r\nHost: x\r\n" + auth +
                 "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{}");
  EXPECT_TRUE(declared.starts_with("HTTP/1.1 413")) << declared.substr(0, 200);
  EXPECT_NE(declared.find("body_too_large"), std::string::npos);

  // Chunked: no Content-Length at all, 1.5 MiB in 64 KiB chunks.
  std::string chunked = "POST /api/ft/strategies HTTP/1.1\r\nHost: x\r\n" + auth +
                        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 24; ++i) chunked += "10000\r\n" + std::string(0x10000, ' ') + "\r\n";
  chunked += "0\r\n\r\n";
  std::string answer = raw_exchange(port_, chunked);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("body_too_large"), std::string::npos);

  // A Content-Length that lies (smaller than what follows): the rest is not a valid request.
  std::string lying =
      raw_exchange(port_, "POST /api/ft/strategies HTTP/1.1\r\nHost: x\r\n" + auth +
                              "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" +
                              std::string(2 << 20, 'x'));
  EXPECT_TRUE(lying.starts_with("HTTP/1.1 400")) << lying.substr(0, 200);
  EXPECT_TRUE(store_->list_ft_strategies(alice_id_)->empty());
  EXPECT_EQ(client_->request("GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace polycopy::testing
