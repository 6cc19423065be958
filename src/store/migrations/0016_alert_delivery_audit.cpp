// Alerts reach people (one delivery per alert and channel, retried and rate limited), rules
// raise an alert once per episode (looked up by its key, acknowledged or not), and the audit
// log keeps every state-changing API call and every order's changes.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration alert_delivery_audit() {
  return {16, "alert_delivery_audit", R"sql(
CREATE INDEX ix_alerts_dedup_key ON alerts (dedup_key);

CREATE TABLE alert_deliveries (
  id               TEXT PRIMARY KEY,
  alert_id         TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  channel          TEXT NOT NULL,
  state            TEXT NOT NULL,
  attempts         BIGINT NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT NOT NULL,
  last_error       TEXT,
  sent_at          BIGINT,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  CONSTRAINT uq_alert_deliveries_alert_channel UNIQUE (alert_id, channel),
  CONSTRAINT ck_alert_deliveries_state CHECK (state IN ('pending', 'sent', 'failed')),
  CONSTRAINT ck_alert_deliveries_sent CHECK ((state = 'sent') = (sent_at IS NOT NULL)),
  CONSTRAINT ck_alert_deliveries_attempts CHECK (attempts >= 0 AND length(channel) > 0)
);
CREATE INDEX ix_alert_deliveries_due ON alert_deliveries (state, next_attempt_at);
CREATE INDEX ix_alert_deliveries_sent ON alert_deliveries (channel, sent_at);

CREATE TABLE audit_log (
  id           TEXT PRIMARY KEY,
  user_id      TEXT REFERENCES users (id),
  actor        TEXT NOT NULL,
  kind         TEXT NOT NULL,
  action       TEXT NOT NULL,
  entity_type  TEXT,
  entity_id    TEXT,
  status       BIGINT,
  detail_json  TEXT,
  at           BIGINT NOT NULL,
  CONSTRAINT ck_audit_log_kind CHECK (kind IN ('api_call', 'order')),
  CONSTRAINT ck_audit_log_text CHECK (length(actor) > 0 AND length(action) > 0)
);
CREATE INDEX ix_audit_log_user_time ON audit_log (user_id, at);
CREATE INDEX ix_audit_log_entity ON audit_log (entity_id, at);
)sql"};
}

}  // namespace polycopy::store::migrations
