-- ConsentRegistry schema v8 (SQLite): objection-rate monitoring. Rates are dated snapshots: a day is computed into a
-- revision, and a later recompute that finds different counts adds the next revision; nothing is overwritten.
-- Flags and the history of their investigations are append-only too. Job runs and webhook deliveries are working
-- state (a run's status, a delivery's attempts) and are updated in place.

CREATE TABLE rate_days (
    day TEXT NOT NULL,
    revision INTEGER NOT NULL,
    run_id INTEGER NOT NULL,
    computed_ticks INTEGER NOT NULL,
    full_count INTEGER NOT NULL,
    applied_seq INTEGER NOT NULL,
    people_changed INTEGER NOT NULL,
    unattributed INTEGER NOT NULL,
    list_size_date TEXT NULL,
    has_breakdown INTEGER NOT NULL,
    rows_written INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    CONSTRAINT rate_days_pkey PRIMARY KEY (day, revision)
);

CREATE TABLE objection_rates (
    day TEXT NOT NULL,
    revision INTEGER NOT NULL,
    level TEXT NOT NULL,
    area_code TEXT NOT NULL,
    policy TEXT NOT NULL,
    sex TEXT NOT NULL,
    age_band TEXT NOT NULL,
    new_objections INTEGER NOT NULL,
    withdrawals INTEGER NOT NULL,
    active_objectors INTEGER NOT NULL,
    list_size INTEGER NULL,
    CONSTRAINT objection_rates_pkey PRIMARY KEY (day, revision, level, policy, sex, age_band, area_code)
);
CREATE INDEX ix_objection_rates_area ON objection_rates (level, area_code, policy, day);

CREATE TABLE practice_weeks (
    week_ending TEXT NOT NULL,
    revision INTEGER NOT NULL,
    ods_code TEXT NOT NULL,
    policy TEXT NOT NULL,
    new_objections INTEGER NOT NULL,
    withdrawals INTEGER NOT NULL,
    active_objectors INTEGER NOT NULL,
    list_size INTEGER NULL,
    CONSTRAINT practice_weeks_pkey PRIMARY KEY (week_ending, revision, ods_code, policy)
);
CREATE INDEX ix_practice_weeks_practice ON practice_weeks (ods_code, policy, week_ending);

CREATE TABLE job_runs (
    id INTEGER NOT NULL CONSTRAINT job_runs_pkey PRIMARY KEY AUTOINCREMENT,
    job TEXT NOT NULL,
    target_day TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    trigger_kind TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_ticks INTEGER NOT NULL,
    not_before_ticks INTEGER NOT NULL,
    status TEXT NOT NULL,
    node TEXT NULL,
    started_ticks INTEGER NULL,
    heartbeat_ticks INTEGER NULL,
    finished_ticks INTEGER NULL,
    rows_written INTEGER NULL,
    outcome TEXT NULL,
    error TEXT NULL
);
CREATE UNIQUE INDEX ux_job_runs_attempt ON job_runs (job, target_day, attempt);
CREATE INDEX ix_job_runs_status ON job_runs (status, not_before_ticks);

CREATE TABLE monitoring_flags (
    id INTEGER NOT NULL CONSTRAINT monitoring_flags_pkey PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    method TEXT NOT NULL,
    policy TEXT NOT NULL,
    level TEXT NOT NULL,
    area_code TEXT NOT NULL,
    period TEXT NOT NULL,
    direction TEXT NOT NULL,
    observed REAL NOT NULL,
    expected REAL NOT NULL,
    lower95 REAL NULL,
    upper95 REAL NULL,
    lower998 REAL NULL,
    upper998 REAL NULL,
    z REAL NULL,
    summary TEXT NOT NULL,
    created_ticks INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_monitoring_flags_finding ON monitoring_flags (method, policy, level, area_code, period);
CREATE INDEX ix_monitoring_flags_area ON monitoring_flags (area_code, period);

CREATE TABLE investigation_versions (
    flag_id INTEGER NOT NULL REFERENCES monitoring_flags (id),
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    assignee TEXT NULL,
    outcome TEXT NULL,
    note TEXT NULL,
    changed_by TEXT NOT NULL,
    changed_ticks INTEGER NOT NULL,
    CONSTRAINT investigation_versions_pkey PRIMARY KEY (flag_id, version)
);

CREATE TABLE webhook_deliveries (
    id INTEGER NOT NULL CONSTRAINT webhook_deliveries_pkey PRIMARY KEY AUTOINCREMENT,
    flag_id INTEGER NOT NULL REFERENCES monitoring_flags (id),
    url TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_ticks INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_ticks INTEGER NOT NULL,
    delivered_ticks INTEGER NULL,
    last_error TEXT NULL
);
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (delivered_ticks, next_attempt_ticks);

CREATE TRIGGER rate_days_no_update BEFORE UPDATE ON rate_days
BEGIN SELECT RAISE(ABORT, 'rate_days is append-only: a recompute adds a revision'); END;
CREATE TRIGGER rate_days_no_delete BEFORE DELETE ON rate_days
BEGIN SELECT RAISE(ABORT, 'rate_days is append-only'); END;
CREATE TRIGGER objection_rates_no_update BEFORE UPDATE ON objection_rates
BEGIN SELECT RAISE(ABORT, 'objection_rates is append-only: a recompute adds a revision'); END;
CREATE TRIGGER objection_rates_no_delete BEFORE DELETE ON objection_rates
BEGIN SELECT RAISE(ABORT, 'objection_rates is append-only'); END;
CREATE TRIGGER practice_weeks_no_update BEFORE UPDATE ON practice_weeks
BEGIN SELECT RAISE(ABORT, 'practice_weeks is append-only'); END;
CREATE TRIGGER practice_weeks_no_delete BEFORE DELETE ON practice_weeks
BEGIN SELECT RAISE(ABORT, 'practice_weeks is append-only'); END;
CREATE TRIGGER monitoring_flags_no_update BEFORE UPDATE ON monitoring_flags
BEGIN SELECT RAISE(ABORT, 'monitoring_flags is append-only'); END;
CREATE TRIGGER monitoring_flags_no_delete BEFORE DELETE ON monitoring_flags
BEGIN SELECT RAISE(ABORT, 'monitoring_flags is append-only'); END;
CREATE TRIGGER investigation_versions_no_update BEFORE UPDATE ON investigation_versions
BEGIN SELECT RAISE(ABORT, 'investigation_versions is append-only: a change is a new version'); END;
CREATE TRIGGER investigation_versions_no_delete BEFORE DELETE ON investigation_versions
BEGIN SELECT RAISE(ABORT, 'investigation_versions is append-only'); END;
