// Operations: component health checks, alerts for people, and the audit log of rule changes.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration operations() {
  return {5, "operations", R"sql(
CREATE TABLE health_checks (
  id          TEXT PRIMARY KEY,
  component   TEXT NOT NULL,
  status      TEXT NOT NULL,
  detail      TEXT,
  latency_ms  BIGINT,
  checked_at  BIGINT NOT NULL,
  CONSTRAINT ck_health_checks_status CHECK (status IN ('ok', 'degraded', 'failing')),
  CONSTRAINT ck_health_checks_component CHECK (length(component) > 0),
  CONSTRAINT ck_health_checks_latency CHECK (latency_ms IS NULL OR latency_ms >= 0)
);
CREATE INDEX ix_health_checks_component_time ON health_checks (component, checked_at);

CREATE TABLE alerts (
  id               TEXT PRIMARY KEY,
  user_id          TEXT REFERENCES users (id),
  lt_strategy_id   TEXT REFERENCES lt_strategies (id) ON DELETE CASCADE,
  severity         TEXT NOT NULL,
  code             TEXT NOT NULL,
  message          TEXT NOT NULL,
  dedup_key        TEXT NOT NULL,
  occurrences      BIGINT NOT NULL DEFAULT 1,
  created_at       BIGINT NOT NULL,
  last_seen_at     BIGINT NOT NULL,
  acknowledged_at  BIGINT,
  CONSTRAINT ck_alerts_severity CHECK (severity IN ('info', 'warning', 'critical')),
  CONSTRAINT ck_alerts_code CHECK (length(code) > 0 AND length(dedup_key) > 0),
  CONSTRAINT ck_alerts_occurrences CHECK (occurrences >= 1),
  CONSTRAINT ck_alerts_times CHECK (last_seen_at >= created_at
    AND (acknowledged_at IS NULL OR acknowledged_at >= created_at))
);
-- one open alert per dedup key; repeats bump occurrences instead
CREATE UNIQUE INDEX uq_alerts_open_dedup_key ON alerts (dedup_key) WHERE acknowledged_at IS NULL;
CREATE INDEX ix_alerts_user_time ON alerts (user_id, created_at);

-- Who changed what and when: strategy params, risk rules, pauses and resumes, wallets.
CREATE TABLE rule_changes (
  id           TEXT PRIMARY KEY,
  user_id      TEXT REFERENCES users (id),
  actor        TEXT NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  action       TEXT NOT NULL,
  before_json  TEXT,
  after_json   TEXT,
  reason       TEXT,
  changed_at   BIGINT NOT NULL,
  CONSTRAINT ck_rule_changes_entity_type CHECK (entity_type IN
    ('ft_strategy', 'lt_strategy', 'risk_rules', 'wallet', 'api_key', 'user')),
  CONSTRAINT ck_rule_changes_action CHECK (length(action) > 0 AND length(actor) > 0)
);
CREATE INDEX ix_rule_changes_entity ON rule_changes (entity_type, entity_id, changed_at);
)sql"};
}

}  // namespace polycopy::store::migrations
