// CLOB auth (protocol doc 6, 8): API keys by L1 signature, L2 HMAC on account routes,
// balance and allowance, heartbeats.
#include <charconv>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "core/ids.hpp"
#include "polymarket/verify/auth_verify.hpp"
#include "sim/http/route_helpers.hpp"

namespace polycopy::sim {
namespace {

using service::HttpRequest;
using service::HttpResponse;
using service::json_response;
using service::PathParams;

std::int64_t unix_s(const core::Clock& clock) {
  return core::to_unix_ms(clock.now()) / 1000;
}

// The EOA proven by the request's L1 headers and the nonce it asks for.
core::Result<std::pair<chain::Address, chain::Uint256>> authenticate_l1(const HttpRequest& r,
                                                                        SimContext& ctx) {
  const polymarket::ReceivedL1 headers{r.header("poly_address"), r.header("poly_signature"),
                                       r.header("poly_timestamp"), r.header("poly_nonce")};
  // The client signs with its own clock or with GET /time (simulated time): accept either.
  auto address =
      polymarket::verify_l1(headers, ctx.chain_id, unix_s(ctx.wall), ctx.auth_max_skew_s);
  if (!address)
    address = polymarket::verify_l1(headers, ctx.chain_id, unix_s(ctx.clock), ctx.auth_max_skew_s);
  if (!address) return address.error();
  const auto nonce = headers.nonce.empty() ? core::Result<chain::Uint256>(chain::Uint256{})
                                           : chain::Uint256::parse_decimal(headers.nonce);
  if (!nonce) return core::Error{"invalid_l1", "bad POLY_NONCE"};
  return std::make_pair(*address, *nonce);
}

nlohmann::json credentials_json(const ApiKeyRecord& record) {
  return {{"apiKey", record.credentials.key},
          {"secret", record.credentials.secret},
          {"passphrase", record.credentials.passphrase}};
}

}  // namespace

core::Result<ApiKeyRecord> authenticate_l2(const HttpRequest& r, SimContext& ctx) {
  const core::Error unauthorized{"unauthorized", std::string(kUnauthorized)};
  const auto record = ctx.keys.find(r.header("poly_api_key"));
  if (!record || r.header("poly_passphrase") != record->credentials.passphrase) return unauthorized;
  const auto address = chain::parse_address(r.header("poly_address"));
  if (!address || *address != record->address) return unauthorized;
  std::int64_t timestamp = 0;
  const auto& ts = r.header("poly_timestamp");
  const auto [end, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), timestamp);
  if (ec != std::errc{} || end != ts.data() + ts.size()) return unauthorized;
  const auto fresh = [&](const core::Clock& clock) {
    return std::llabs(unix_s(clock) - timestamp) <= ctx.auth_max_skew_s;
  };
  if (!fresh(ctx.wall) && !fresh(ctx.clock)) return unauthorized;
  polymarket::L2Request request{static_cast<std::uint64_t>(timestamp), r.method, r.path,
                                std::nullopt};
  if (!r.body.empty()) request.body = r.body;
  const auto matches = polymarket::l2_signature_matches(record->credentials.secret, request,
                                                        r.header("poly_signature"));
  if (!matches || !*matches) return unauthorized;
  return *record;
}

void add_clob_auth_routes(service::Router& router, SimContext& ctx) {
  router.add("POST", "/auth/api-key", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto who = authenticate_l1(r, ctx);
    if (!who) return venue_error(401, "Invalid L1 Request headers");
    const auto created = ctx.keys.create(who->first, who->second);
    if (!created) return venue_error(400, "Could not create api key");
    return json_response(200, credentials_json(*created));
  });
  router.add("GET", "/auth/derive-api-key", [&ctx](const HttpRequest& r, const PathParams&) {
    const auto who = authenticate_l1(r, ctx);
    if (!who) return venue_error(401, "Invalid L1 Request headers");
    return json_response(200, credentials_json(ctx.keys.derive(who->first, who->second)));
  });
  router.add("GET", "/auth/api-keys", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      return json_response(200, {{"apiKeys", ctx.keys.keys_of(key.address)}});
    });
  });
  router.add("DELETE", "/auth/api-key", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      ctx.keys.remove(key.credentials.key);
      return json_response(200, "OK");
    });
  });
  router.add("GET", "/auth/ban-status/closed-only",
             [&ctx](const HttpRequest& r, const PathParams&) {
               return with_l2(ctx, r, [](const ApiKeyRecord&) {
                 return json_response(200, {{"closed_only", false}});
               });
             });
  const auto balance = [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord& key) {
      const auto type = r.query.find("asset_type");
      if (type == r.query.end()) return venue_error(400, "Invalid asset type");
      // Proxy, Safe and deposit-wallet users (signature_type 1-3) hold funds in that wallet:
      // the one bound to this EOA by its first order, else a wallet not seen yet, which
      // holds the scenario's default funding.
      const auto sig_type = r.query.find("signature_type");
      const bool via_funder =
          sig_type != r.query.end() && !sig_type->second.empty() && sig_type->second != "0";
      const auto funder = via_funder ? ctx.venue.funder_of(key.address) : std::nullopt;
      if (via_funder && !funder) {
        const auto& s = ctx.venue.scenario();
        if (type->second == "COLLATERAL") {
          return json_response(
              200, {{"balance", std::to_string(s.default_balance.micros())},
                    {"allowances", {{"exchange", std::to_string(s.default_allowance.micros())}}}});
        }
      }
      const chain::Address wallet = funder.value_or(key.address);
      if (type->second == "COLLATERAL") {
        const Balance b = ctx.venue.balance(wallet);
        const std::string allowance = std::to_string(b.collateral_allowance.micros());
        return json_response(200, {{"balance", std::to_string(b.collateral.micros())},
                                   {"allowances", {{"exchange", allowance}}}});
      }
      if (type->second == "CONDITIONAL") {
        const auto token = r.query.find("token_id");
        if (token == r.query.end()) return venue_error(400, "Invalid token id");
        const auto id = parse_token(token->second);
        if (!id) return venue_error(400, "Invalid token id");
        const auto shares = ctx.venue.token_balance(wallet, *id);
        return json_response(200, {{"balance", std::to_string(shares.micros())},
                                   {"allowances", {{"exchange", "unlimited"}}}});
      }
      return venue_error(400, "Invalid asset type");
    });
  };
  router.add("GET", "/balance-allowance", balance);
  router.add("GET", "/balance-allowance/update", balance);
  router.add("POST", "/v1/heartbeats", [&ctx](const HttpRequest& r, const PathParams&) {
    return with_l2(ctx, r, [&](const ApiKeyRecord&) {
      const auto body = json_body(r);
      std::string id;
      if (body && body->is_object() && body->contains("heartbeat_id") &&
          (*body)["heartbeat_id"].is_string())
        id = (*body)["heartbeat_id"].get<std::string>();
      if (id.empty()) id = core::random_hex(16);
      return json_response(200, {{"heartbeat_id", id}});
    });
  });
}

}  // namespace polycopy::sim
