#include "service/audit_trail.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "core/ids.hpp"
#include "service/api_routes.hpp"
#include "service/json_values.hpp"
#include "service/time_format.hpp"

namespace polycopy::service {
namespace {

using nlohmann::json;

// A key naming a secret ends with one of these words ("private_key", "apiSecret",
// "passphrase"), not merely contains one ("token_id" is a market's token).
bool names_secret(std::string key) {
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (key == "idempotency_key") return false;
  static constexpr std::array<std::string_view, 7> kWords{
      "key", "secret", "password", "token", "passphrase", "signature", "mnemonic"};
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view word) { return key.ends_with(word); });
}

json to_json(const store::AuditEntry& e) {
  json detail = nullptr;
  if (e.detail_json) {
    detail = json::parse(*e.detail_json, nullptr, false);
    if (detail.is_discarded()) detail = *e.detail_json;
  }
  return {{"id", e.id},
          {"at", format_iso8601(e.at)},
          {"actor", e.actor},
          {"kind", e.kind},
          {"action", e.action},
          {"entity_type", text_or_null(e.entity_type)},
          {"entity_id", text_or_null(e.entity_id)},
          {"status", count_or_null(e.status)},
          {"detail", detail}};
}

}  // namespace

json redact_secrets(json value) {
  if (value.is_object()) {
    for (auto& [key, item] : value.items()) {
      if (names_secret(key) && !item.is_null())
        item = "[redacted]";
      else
        item = redact_secrets(std::move(item));
    }
  } else if (value.is_array()) {
    for (auto& item : value) item = redact_secrets(std::move(item));
  }
  return value;
}

AuditTrail::AuditTrail(store::Store& store, const core::Clock& clock)
    : store_(store), clock_(clock) {}

void AuditTrail::record_call(const std::string& user_id, const HttpRequest& request,
                             const PathParams& params, const ServiceResult& result) {
  store::AuditEntry entry;
  entry.user_id = user_id;
  entry.actor = "user:" + user_id;
  if (const auto id = params.find("id"); id != params.end()) entry.entity_id = id->second;
  record(std::move(entry), request, result);
}

void AuditTrail::record_cron_call(const HttpRequest& request, const ServiceResult& result) {
  store::AuditEntry entry;
  entry.actor = "cron";
  record(std::move(entry), request, result);
}

void AuditTrail::record(store::AuditEntry entry, const HttpRequest& request,
                        const ServiceResult& result) {
  entry.id = core::new_id("aud", clock_);
  entry.kind = "api_call";
  entry.action = request.method + " " + request.path;
  entry.status = result.status;
  json detail = json::object();
  if (!request.body.empty()) {
    // Parsed as the routes parse it (depth-limited); a body they refused: its size says enough.
    auto body = parse_json_body(request.body);
    detail["body"] = body ? redact_secrets(std::move(body).value())
                          : json("(" + std::to_string(request.body.size()) + " bytes, refused)");
  }
  if (result.body.is_object() && result.body.contains("error"))
    detail["error"] = result.body["error"].value("code", "");
  entry.detail_json = detail.dump();
  entry.at = clock_.now();
  if (const auto recorded = store_.record_audit(entry); !recorded)
    spdlog::error("audit: {} {} by {} not logged: {}", request.method, request.path, entry.actor,
                  recorded.error().to_string());
}

ServiceResult AuditTrail::list(const std::string& user_id, const QueryParams& query) {
  store::AuditQuery q;
  if (const auto kind = query_param(query, "kind")) {
    if (*kind != "api_call" && *kind != "order" && *kind != "rule_change")
      return invalid_query_result(
          invalid_query("kind must be api_call, order or rule_change, got \"" + *kind + "\""));
    q.kind = *kind;
  }
  q.entity_id = query_param(query, "entity_id");
  if (const auto before = query_param(query, "before")) {
    const auto at = parse_iso8601(*before);
    if (!at)
      return invalid_query_result(
          invalid_query("before must be an ISO-8601 time, got \"" + *before + "\""));
    q.before = *at;
  }
  // Entries of the same millisecond are told apart by id (the page's next_before_id).
  q.before_id = query_param(query, "before_id");
  if (q.before_id && !q.before)
    return invalid_query_result(invalid_query("before_id goes with before"));
  const auto limit = read_limit(query_param(query, "limit"));
  if (!limit) return invalid_query_result(limit.error());
  q.limit = *limit;
  auto entries = store_.list_audit(user_id, q);
  if (!entries) return error_result(entries.error());
  json items = json::array();
  for (const auto& e : *entries) items.push_back(to_json(e));
  json body{{"entries", items}};
  // The next page: entries before the oldest of this one.
  if (static_cast<std::int64_t>(entries->size()) == q.limit) {
    body["next_before"] = format_iso8601(entries->back().at);
    body["next_before_id"] = entries->back().id;
  }
  return {200, body};
}

}  // namespace polycopy::service
