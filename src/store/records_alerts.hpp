#pragma once
// Alerts for people: rules raising them once per episode, their delivery to channels, and the
// facts the rules read; plus the audit log of API calls and orders.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"
#include "store/records_risk.hpp"

namespace polycopy::store {

// An alert a rule raises, scoped to its owner (none: a system alert every user sees).
struct RaisedAlert {
  std::optional<std::string> user_id, lt_strategy_id;
  // dedup_key names the episode: an alert with the same key, open or acknowledged, means
  // this one was raised already.
  RiskAlert alert;
};

enum class AlertListState { open, acknowledged, all };

struct AlertListQuery {
  AlertListState state = AlertListState::open;
  std::int64_t limit = 100;
};

// A route of alerts to a channel: those at or above min_severity.
struct AlertChannelRoute {
  std::string channel;       // webhook | slack | telegram | email
  std::string min_severity;  // info | warning | critical
};

struct AlertDelivery {
  std::string id;  // "dlv_…"
  std::string alert_id;
  std::string channel;
  std::string state;  // pending | sent | failed
  std::int64_t attempts = 0;
  Timestamp next_attempt_at;
  std::optional<std::string> last_error;
  std::optional<Timestamp> sent_at;
  Timestamp created_at;
};

struct DueAlertDelivery {
  AlertDelivery delivery;
  AlertRecord alert;
};

enum class DeliveryOutcome { sent, retry, failed };

struct DeliveryResult {
  DeliveryOutcome outcome = DeliveryOutcome::sent;
  std::optional<std::string> error;          // why the attempt failed
  std::optional<Timestamp> next_attempt_at;  // retry: when
};

// --- Facts the alert rules read.

// The newest orders of a strategy, all rejected (the streak stops at the first other state).
struct RejectionStreak {
  std::string lt_strategy_id, user_id;
  std::int64_t length = 0;
  std::string first_order_id;  // the oldest rejected order of the streak: names the episode
  std::optional<std::string> last_message;
};

// The strategy's newest orders that ended (no longer live), and how many of them filled.
struct FillRateSample {
  std::string lt_strategy_id, user_id;
  std::int64_t ended_orders = 0;
  std::int64_t filled_orders = 0;  // filled or partially filled
};

// LT signals a budget refused (since the query's refusals_since), per strategy and budget.
struct BudgetRefusals {
  std::string lt_strategy_id, user_id;
  std::string time_zone;    // the strategy's: its budget windows start at local midnight
  std::string reason_code;  // daily_budget_exceeded | weekly_… | monthly_…
  std::int64_t refusals = 0;
  Timestamp last_refused_at;
};

struct FailedRedemption {
  std::string redemption_id, lt_strategy_id, user_id, condition_id;
  std::int64_t attempts = 0;
  std::optional<std::string> last_error;
  std::optional<Timestamp> next_attempt_at;  // none: no automatic retry left
};

// A component whose latest checks all fail: since the first of them.
struct FailingComponent {
  std::string component;
  std::string first_check_id;
  Timestamp failing_since;
  std::optional<std::string> detail;  // of the latest check
};

struct AlertFactsQuery {
  std::int64_t fill_rate_orders = 20;  // sample size: newest ended orders per strategy
  Timestamp refusals_since;            // budget refusals from then on
};

struct AlertFacts {
  std::vector<RejectionStreak> rejection_streaks;  // every streak of at least one
  std::vector<FillRateSample> fill_rates;
  std::vector<BudgetRefusals> budget_refusals;
  std::vector<FailedRedemption> failed_redemptions;
  std::vector<FailingComponent> failing_components;
};

// --- Audit log.

struct AuditEntry {
  std::string id;  // "aud_…" (rule changes keep their "chg_…")
  std::optional<std::string> user_id;
  std::string actor;   // user:<id> | engine | cron
  std::string kind;    // api_call | order | rule_change
  std::string action;  // "POST /api/lt/strategies/lt_…/pause", "order_submitted", …
  std::optional<std::string> entity_type, entity_id;
  std::optional<std::int64_t> status;      // the HTTP status of an API call
  std::optional<std::string> detail_json;  // the change (secrets redacted)
  Timestamp at;
};

struct AuditQuery {
  std::optional<std::string> kind;
  std::optional<std::string> entity_id;
  std::optional<Timestamp> before;       // strictly older entries (paging)…
  std::optional<std::string> before_id;  // …or as old with a smaller id
  std::int64_t limit = 100;
};

}  // namespace polycopy::store
