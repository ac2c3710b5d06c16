-- ConsentRegistry schema v5 (SQLite): proxy relationships. A proxy (a parent with parental responsibility for a
-- child under 13, an attorney, a court-appointed deputy) acts for one person. Each change (requested, approved,
-- rejected, ended) is a new version; nothing is changed or deleted.

CREATE TABLE proxy_relationship_versions (
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    proxy_nhs_number TEXT NOT NULL,
    subject_nhs_number TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    start_ticks INTEGER NOT NULL,
    end_ticks INTEGER NULL,
    evidence TEXT NULL,
    changed_by TEXT NOT NULL,
    recorded_ticks INTEGER NOT NULL,
    CONSTRAINT proxy_relationship_versions_pkey PRIMARY KEY (id, version)
);
CREATE INDEX ix_proxy_relationship_versions_proxy ON proxy_relationship_versions (proxy_nhs_number);
CREATE INDEX ix_proxy_relationship_versions_subject ON proxy_relationship_versions (subject_nhs_number);

CREATE TRIGGER proxy_relationship_versions_no_update BEFORE UPDATE ON proxy_relationship_versions
BEGIN SELECT RAISE(ABORT, 'proxy_relationship_versions is append-only'); END;
CREATE TRIGGER proxy_relationship_versions_no_delete BEFORE DELETE ON proxy_relationship_versions
BEGIN SELECT RAISE(ABORT, 'proxy_relationship_versions is append-only'); END;
