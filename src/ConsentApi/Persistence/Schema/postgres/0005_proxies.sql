-- ConsentRegistry schema v5 (PostgreSQL): proxy relationships. A proxy (a parent with parental responsibility for a
-- child under 13, an attorney, a court-appointed deputy) acts for one person. Each change (requested, approved,
-- rejected, ended) is a new version; nothing is changed or deleted.

CREATE TABLE proxy_relationship_versions (
    id varchar(64) NOT NULL,
    version integer NOT NULL,
    proxy_nhs_number varchar(10) NOT NULL,
    subject_nhs_number varchar(10) NOT NULL,
    kind varchar(16) NOT NULL,
    status varchar(16) NOT NULL,
    start_ticks bigint NOT NULL,
    end_ticks bigint NULL,
    evidence text NULL,
    changed_by varchar(256) NOT NULL,
    recorded_ticks bigint NOT NULL,
    CONSTRAINT proxy_relationship_versions_pkey PRIMARY KEY (id, version)
);
CREATE INDEX ix_proxy_relationship_versions_proxy ON proxy_relationship_versions (proxy_nhs_number);
CREATE INDEX ix_proxy_relationship_versions_subject ON proxy_relationship_versions (subject_nhs_number);

CREATE TRIGGER proxy_relationship_versions_append_only BEFORE UPDATE OR DELETE ON proxy_relationship_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER proxy_relationship_versions_no_truncate BEFORE TRUNCATE ON proxy_relationship_versions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
