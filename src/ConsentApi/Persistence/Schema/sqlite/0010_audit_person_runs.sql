-- ConsentRegistry schema v10 (SQLite): the audit's person index as sorted runs (decision 12).
-- SQLite's log holds whole pages, so a link added to the person-ordered index cost a 4 KB page write for every
-- audited decision. New links are appended in record order to audit_link_tail; the audit writer seals the tail into a
-- run sorted by person (appended at the end of audit_link_runs, run after run) and merges runs of a level in steps.
-- Runs are derived from the hash-chained records: the writer may rewrite them, and the records stay append-only.
-- audit_event_patients keeps the links written before this version, and PostgreSQL's links (it logs rows, not pages).

CREATE TABLE audit_link_tail (
    audit_seq INTEGER NOT NULL,
    nhs_number INTEGER NOT NULL,
    CONSTRAINT audit_link_tail_pkey PRIMARY KEY (audit_seq, nhs_number)
) WITHOUT ROWID;

CREATE TABLE audit_link_runs (
    run_id INTEGER NOT NULL,
    nhs_number INTEGER NOT NULL,
    audit_seq INTEGER NOT NULL,
    CONSTRAINT audit_link_runs_pkey PRIMARY KEY (run_id, nhs_number, audit_seq)
) WITHOUT ROWID;

-- state: live (read by searches), merging (read, being copied into merge_into), building (not read yet: the merge's
-- target, filled up to and including nhs_number cursor), dead (merged; its rows are being deleted).
CREATE TABLE audit_link_run_list (
    run_id INTEGER NOT NULL CONSTRAINT audit_link_run_list_pkey PRIMARY KEY,
    level INTEGER NOT NULL,
    entries INTEGER NOT NULL,
    state TEXT NOT NULL,
    merge_into INTEGER NULL,
    cursor INTEGER NULL
);
