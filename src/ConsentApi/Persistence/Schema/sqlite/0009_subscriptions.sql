-- ConsentRegistry schema v9 (SQLite): FHIR Subscriptions and their notification outbox, and bulk export jobs.
-- A subscription's row is working state (its status, failures and next attempt change in place); each notification
-- is a row made from one Consent version, delivered in sequence order per subscription.

CREATE TABLE subscriptions (
    id TEXT NOT NULL CONSTRAINT subscriptions_pkey PRIMARY KEY,
    client_id TEXT NOT NULL,
    version_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    criteria TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    payload TEXT NULL,
    resource_json TEXT NOT NULL,
    error TEXT NULL,
    failures INTEGER NOT NULL,
    next_attempt_ticks INTEGER NOT NULL,
    start_seq INTEGER NOT NULL,
    end_ticks INTEGER NULL,
    is_deleted INTEGER NOT NULL,
    created_ticks INTEGER NOT NULL,
    updated_ticks INTEGER NOT NULL
);
CREATE INDEX ix_subscriptions_client ON subscriptions (client_id);

CREATE TABLE subscription_notifications (
    id INTEGER NOT NULL CONSTRAINT subscription_notifications_pkey PRIMARY KEY AUTOINCREMENT,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    seq INTEGER NOT NULL,
    resource_id TEXT NOT NULL,
    version_id INTEGER NOT NULL,
    is_deleted INTEGER NOT NULL,
    created_ticks INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    delivered_ticks INTEGER NULL,
    last_error TEXT NULL
);
CREATE UNIQUE INDEX ux_subscription_notifications ON subscription_notifications (subscription_id, seq);
CREATE INDEX ix_subscription_notifications_pending ON subscription_notifications (subscription_id, delivered_ticks, seq);

CREATE TABLE subscription_fanout (
    id INTEGER NOT NULL CONSTRAINT subscription_fanout_pkey PRIMARY KEY,
    last_seq INTEGER NOT NULL,
    updated_ticks INTEGER NOT NULL
);
INSERT INTO subscription_fanout (id, last_seq, updated_ticks) VALUES (1, 0, 0);

CREATE TABLE export_jobs (
    id TEXT NOT NULL CONSTRAINT export_jobs_pkey PRIMARY KEY,
    client_id TEXT NOT NULL,
    request_url TEXT NOT NULL,
    level TEXT NOT NULL,
    types TEXT NOT NULL,
    since_ticks INTEGER NULL,
    status TEXT NOT NULL,
    snapshot_seq INTEGER NOT NULL,
    transaction_ticks INTEGER NOT NULL,
    progress TEXT NULL,
    output_json TEXT NULL,
    error TEXT NULL,
    lease_ticks INTEGER NOT NULL,
    created_ticks INTEGER NOT NULL,
    finished_ticks INTEGER NULL
);
