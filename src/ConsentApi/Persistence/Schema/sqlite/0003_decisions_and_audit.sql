-- ConsentRegistry schema v3 (SQLite): policy catalogue, access audit (hash-chained), objections considered,
-- the disclosure register and bulk opt-out checks. All append-only: the triggers at the end refuse change.

CREATE TABLE policy_versions (
    uri TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition_json TEXT NOT NULL,
    published_ticks INTEGER NOT NULL,
    CONSTRAINT policy_versions_pkey PRIMARY KEY (uri, version)
);

CREATE TABLE audit_events (
    seq INTEGER NOT NULL,
    recorded_ticks INTEGER NOT NULL,
    kind TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    agent_type TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    agent_org TEXT NULL,
    agent_name TEXT NULL,
    patient_nhs_number TEXT NULL,
    patient_count INTEGER NOT NULL,
    purpose TEXT NULL,
    detail TEXT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    CONSTRAINT audit_events_pkey PRIMARY KEY (seq)
);

CREATE TABLE audit_event_patients (
    nhs_number INTEGER NOT NULL,
    audit_seq INTEGER NOT NULL,
    CONSTRAINT audit_event_patients_pkey PRIMARY KEY (nhs_number, audit_seq)
) WITHOUT ROWID;

CREATE TABLE objection_considerations (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    recorded_ticks INTEGER NOT NULL,
    patient_nhs_number TEXT NOT NULL,
    consent_id TEXT NULL,
    consent_version INTEGER NULL,
    policy_uri TEXT NOT NULL,
    recipient_ods TEXT NOT NULL,
    purpose TEXT NOT NULL,
    outcome TEXT NOT NULL,
    legal_basis TEXT NULL,
    criterion TEXT NULL,
    decided_by TEXT NOT NULL,
    decided_by_org TEXT NULL,
    source TEXT NOT NULL,
    bulk_check_id TEXT NULL
);

CREATE TABLE disclosures (
    id TEXT NOT NULL,
    recipient_ods TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    legal_basis TEXT NULL,
    data_description TEXT NOT NULL,
    opt_outs_apply INTEGER NOT NULL,
    created_ticks INTEGER NOT NULL,
    CONSTRAINT disclosures_pkey PRIMARY KEY (id)
);

CREATE TABLE bulk_checks (
    id TEXT NOT NULL,
    disclosure_id TEXT NOT NULL,
    requested_ticks INTEGER NOT NULL,
    agent_id TEXT NOT NULL,
    agent_org TEXT NULL,
    purpose TEXT NOT NULL,
    checked INTEGER NOT NULL,
    excluded INTEGER NOT NULL,
    overridden INTEGER NOT NULL,
    invalid INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    numbers_sha256 TEXT NULL,
    audit_seq INTEGER NULL,
    CONSTRAINT bulk_checks_pkey PRIMARY KEY (id)
);

CREATE TABLE bulk_check_chunks (
    bulk_check_id TEXT NOT NULL,
    chunk_no INTEGER NOT NULL,
    numbers BLOB NOT NULL,
    CONSTRAINT bulk_check_chunks_pkey PRIMARY KEY (bulk_check_id, chunk_no)
);

CREATE TABLE bulk_check_fanout (
    bulk_check_id TEXT NOT NULL,
    chunk_no INTEGER NOT NULL,
    done_ticks INTEGER NOT NULL,
    CONSTRAINT bulk_check_fanout_pkey PRIMARY KEY (bulk_check_id, chunk_no)
);

CREATE INDEX ix_objection_considerations_patient ON objection_considerations (patient_nhs_number);
CREATE INDEX ix_objection_considerations_recipient ON objection_considerations (recipient_ods, legal_basis);
CREATE INDEX ix_bulk_checks_disclosure ON bulk_checks (disclosure_id);

CREATE TRIGGER policy_versions_no_update BEFORE UPDATE ON policy_versions
BEGIN SELECT RAISE(ABORT, 'policy_versions is append-only'); END;
CREATE TRIGGER policy_versions_no_delete BEFORE DELETE ON policy_versions
BEGIN SELECT RAISE(ABORT, 'policy_versions is append-only'); END;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_event_patients_no_update BEFORE UPDATE ON audit_event_patients
BEGIN SELECT RAISE(ABORT, 'audit_event_patients is append-only'); END;
CREATE TRIGGER audit_event_patients_no_delete BEFORE DELETE ON audit_event_patients
BEGIN SELECT RAISE(ABORT, 'audit_event_patients is append-only'); END;
CREATE TRIGGER objection_considerations_no_update BEFORE UPDATE ON objection_considerations
BEGIN SELECT RAISE(ABORT, 'objection_considerations is append-only'); END;
CREATE TRIGGER objection_considerations_no_delete BEFORE DELETE ON objection_considerations
BEGIN SELECT RAISE(ABORT, 'objection_considerations is append-only'); END;
CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures
BEGIN SELECT RAISE(ABORT, 'disclosures is append-only'); END;
CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
BEGIN SELECT RAISE(ABORT, 'disclosures is append-only'); END;
CREATE TRIGGER bulk_checks_no_update BEFORE UPDATE ON bulk_checks
BEGIN SELECT RAISE(ABORT, 'bulk_checks is append-only'); END;
CREATE TRIGGER bulk_checks_no_delete BEFORE DELETE ON bulk_checks
BEGIN SELECT RAISE(ABORT, 'bulk_checks is append-only'); END;
CREATE TRIGGER bulk_check_chunks_no_update BEFORE UPDATE ON bulk_check_chunks
BEGIN SELECT RAISE(ABORT, 'bulk_check_chunks is append-only'); END;
CREATE TRIGGER bulk_check_chunks_no_delete BEFORE DELETE ON bulk_check_chunks
BEGIN SELECT RAISE(ABORT, 'bulk_check_chunks is append-only'); END;
CREATE TRIGGER bulk_check_fanout_no_update BEFORE UPDATE ON bulk_check_fanout
BEGIN SELECT RAISE(ABORT, 'bulk_check_fanout is append-only'); END;
CREATE TRIGGER bulk_check_fanout_no_delete BEFORE DELETE ON bulk_check_fanout
BEGIN SELECT RAISE(ABORT, 'bulk_check_fanout is append-only'); END;
