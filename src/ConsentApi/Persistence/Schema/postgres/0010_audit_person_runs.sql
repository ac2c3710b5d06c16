-- ConsentRegistry schema v10 (PostgreSQL): the tables of the audit's sorted-run person index (decision 12), kept so
-- both providers have one schema and one search. PostgreSQL logs rows, not pages, so its audit writer adds links to
-- audit_event_patients directly and these stay empty.

CREATE TABLE audit_link_tail (
    audit_seq BIGINT NOT NULL,
    nhs_number BIGINT NOT NULL,
    CONSTRAINT audit_link_tail_pkey PRIMARY KEY (audit_seq, nhs_number)
);

CREATE TABLE audit_link_runs (
    run_id BIGINT NOT NULL,
    nhs_number BIGINT NOT NULL,
    audit_seq BIGINT NOT NULL,
    CONSTRAINT audit_link_runs_pkey PRIMARY KEY (run_id, nhs_number, audit_seq)
);

CREATE TABLE audit_link_run_list (
    run_id BIGINT NOT NULL CONSTRAINT audit_link_run_list_pkey PRIMARY KEY,
    level INTEGER NOT NULL,
    entries BIGINT NOT NULL,
    state TEXT NOT NULL,
    merge_into BIGINT NULL,
    cursor BIGINT NULL
);
