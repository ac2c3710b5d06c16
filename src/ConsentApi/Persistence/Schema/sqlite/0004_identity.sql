-- ConsentRegistry schema v4 (SQLite): identity. Registered client systems (each change a new version), the client
-- assertions already used (replay protection; rows are purged once expired), and the registry's own signing keys.

CREATE TABLE api_client_versions (
    client_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    ods_code TEXT NOT NULL,
    name TEXT NOT NULL,
    jwks TEXT NULL,
    jwks_url TEXT NULL,
    scopes TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    recorded_ticks INTEGER NOT NULL,
    changed_by TEXT NOT NULL,
    CONSTRAINT api_client_versions_pkey PRIMARY KEY (client_id, version)
);

CREATE TABLE used_client_assertions (
    client_id TEXT NOT NULL,
    jti TEXT NOT NULL,
    expires_ticks INTEGER NOT NULL,
    CONSTRAINT used_client_assertions_pkey PRIMARY KEY (client_id, jti)
);
CREATE INDEX ix_used_client_assertions_expires ON used_client_assertions (expires_ticks);

CREATE TABLE signing_keys (
    kid TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_ticks INTEGER NOT NULL,
    CONSTRAINT signing_keys_pkey PRIMARY KEY (kid)
);

CREATE TRIGGER api_client_versions_no_update BEFORE UPDATE ON api_client_versions
BEGIN SELECT RAISE(ABORT, 'api_client_versions is append-only'); END;
CREATE TRIGGER api_client_versions_no_delete BEFORE DELETE ON api_client_versions
BEGIN SELECT RAISE(ABORT, 'api_client_versions is append-only'); END;
CREATE TRIGGER signing_keys_no_update BEFORE UPDATE ON signing_keys
BEGIN SELECT RAISE(ABORT, 'signing_keys is append-only'); END;
CREATE TRIGGER signing_keys_no_delete BEFORE DELETE ON signing_keys
BEGIN SELECT RAISE(ABORT, 'signing_keys is append-only'); END;
