-- ConsentRegistry schema v4 (PostgreSQL): identity. Registered client systems (each change a new version), the client
-- assertions already used (replay protection; rows are purged once expired), and the registry's own signing keys.

CREATE TABLE api_client_versions (
    client_id varchar(128) NOT NULL,
    version integer NOT NULL,
    ods_code varchar(16) NOT NULL,
    name varchar(256) NOT NULL,
    jwks text NULL,
    jwks_url varchar(2048) NULL,
    scopes text NOT NULL,
    enabled boolean NOT NULL,
    recorded_ticks bigint NOT NULL,
    changed_by varchar(256) NOT NULL,
    CONSTRAINT api_client_versions_pkey PRIMARY KEY (client_id, version)
);

CREATE TABLE used_client_assertions (
    client_id varchar(128) NOT NULL,
    jti varchar(256) NOT NULL,
    expires_ticks bigint NOT NULL,
    CONSTRAINT used_client_assertions_pkey PRIMARY KEY (client_id, jti)
);
CREATE INDEX ix_used_client_assertions_expires ON used_client_assertions (expires_ticks);

CREATE TABLE signing_keys (
    kid varchar(64) NOT NULL,
    algorithm varchar(16) NOT NULL,
    private_key text NOT NULL,
    created_ticks bigint NOT NULL,
    CONSTRAINT signing_keys_pkey PRIMARY KEY (kid)
);

CREATE TRIGGER api_client_versions_append_only BEFORE UPDATE OR DELETE ON api_client_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER api_client_versions_no_truncate BEFORE TRUNCATE ON api_client_versions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER signing_keys_append_only BEFORE UPDATE OR DELETE ON signing_keys
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER signing_keys_no_truncate BEFORE TRUNCATE ON signing_keys
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
