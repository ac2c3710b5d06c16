-- ConsentRegistry schema v1 (SQLite): append-only Consent versions and their search index.
-- Nothing is ever updated or deleted: the triggers at the end refuse it.

CREATE TABLE consent_versions (
    seq                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    resource_id        TEXT    NOT NULL,
    version_id         INTEGER NOT NULL,
    is_deleted         INTEGER NOT NULL,
    last_updated_ticks INTEGER NOT NULL,
    method             TEXT    NOT NULL,
    resource_json      TEXT    NULL,
    status             TEXT    NULL,
    patient_nhs_number TEXT    NULL,
    date_start         INTEGER NULL,
    date_end           INTEGER NULL,
    period_start       INTEGER NULL,
    period_end         INTEGER NULL
);
CREATE UNIQUE INDEX ux_consent_versions_resource_version ON consent_versions (resource_id, version_id);
CREATE INDEX ix_consent_versions_resource_seq ON consent_versions (resource_id, seq);
CREATE INDEX ix_consent_versions_patient ON consent_versions (patient_nhs_number);
CREATE INDEX ix_consent_versions_last_updated ON consent_versions (last_updated_ticks);

CREATE TABLE consent_search_tokens (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    version_seq INTEGER NOT NULL REFERENCES consent_versions (seq),
    param       TEXT    NOT NULL,
    system      TEXT    NULL,
    code        TEXT    NULL,
    text        TEXT    NULL
);
CREATE INDEX ix_consent_search_tokens_param_code ON consent_search_tokens (param, code, system);
CREATE INDEX ix_consent_search_tokens_version ON consent_search_tokens (version_seq);

CREATE TABLE consent_search_references (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    version_seq       INTEGER NOT NULL REFERENCES consent_versions (seq),
    param             TEXT    NOT NULL,
    target_type       TEXT    NULL,
    target_id         TEXT    NULL,
    url               TEXT    NULL,
    identifier_system TEXT    NULL,
    identifier_value  TEXT    NULL
);
CREATE INDEX ix_consent_search_refs_identifier ON consent_search_references (param, identifier_value, identifier_system);
CREATE INDEX ix_consent_search_refs_target ON consent_search_references (param, target_id, target_type);
CREATE INDEX ix_consent_search_refs_version ON consent_search_references (version_seq);

CREATE TRIGGER consent_versions_no_update BEFORE UPDATE ON consent_versions
BEGIN SELECT RAISE(ABORT, 'consent_versions is append-only: write a new version instead'); END;
CREATE TRIGGER consent_versions_no_delete BEFORE DELETE ON consent_versions
BEGIN SELECT RAISE(ABORT, 'consent_versions is append-only: a delete is a new version'); END;
CREATE TRIGGER consent_search_tokens_no_update BEFORE UPDATE ON consent_search_tokens
BEGIN SELECT RAISE(ABORT, 'consent_search_tokens is append-only'); END;
CREATE TRIGGER consent_search_tokens_no_delete BEFORE DELETE ON consent_search_tokens
BEGIN SELECT RAISE(ABORT, 'consent_search_tokens is append-only'); END;
CREATE TRIGGER consent_search_references_no_update BEFORE UPDATE ON consent_search_references
BEGIN SELECT RAISE(ABORT, 'consent_search_references is append-only'); END;
CREATE TRIGGER consent_search_references_no_delete BEFORE DELETE ON consent_search_references
BEGIN SELECT RAISE(ABORT, 'consent_search_references is append-only'); END;
