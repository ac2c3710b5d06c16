-- ConsentRegistry schema v6 (SQLite): accounts for patients and staff (ASP.NET Core Identity's tables, in the
-- registry's naming), apps' redirect URIs, and authorization codes waiting to be exchanged.

CREATE TABLE accounts (
    id TEXT NOT NULL CONSTRAINT accounts_pkey PRIMARY KEY,
    user_name TEXT NULL,
    normalized_user_name TEXT NULL,
    email TEXT NULL,
    normalized_email TEXT NULL,
    email_confirmed INTEGER NOT NULL,
    password_hash TEXT NULL,
    security_stamp TEXT NULL,
    concurrency_stamp TEXT NULL,
    phone_number TEXT NULL,
    phone_number_confirmed INTEGER NOT NULL,
    two_factor_enabled INTEGER NOT NULL,
    lockout_end TEXT NULL,
    lockout_enabled INTEGER NOT NULL,
    access_failed_count INTEGER NOT NULL,
    kind TEXT NOT NULL,
    nhs_number TEXT NULL,
    display_name TEXT NULL
);
CREATE UNIQUE INDEX ix_accounts_user_name ON accounts (normalized_user_name);
CREATE INDEX ix_accounts_email ON accounts (normalized_email);
-- One account per person: an NHS number is linked to at most one account.
CREATE UNIQUE INDEX ix_accounts_nhs_number ON accounts (nhs_number) WHERE nhs_number IS NOT NULL;

CREATE TABLE roles (
    id TEXT NOT NULL CONSTRAINT roles_pkey PRIMARY KEY,
    name TEXT NULL,
    normalized_name TEXT NULL,
    concurrency_stamp TEXT NULL
);
CREATE UNIQUE INDEX ix_roles_name ON roles (normalized_name);

CREATE TABLE account_roles (
    user_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    CONSTRAINT account_roles_pkey PRIMARY KEY (user_id, role_id)
);

CREATE TABLE account_claims (
    id INTEGER NOT NULL CONSTRAINT account_claims_pkey PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    claim_type TEXT NULL,
    claim_value TEXT NULL
);

CREATE TABLE account_logins (
    login_provider TEXT NOT NULL,
    provider_key TEXT NOT NULL,
    provider_display_name TEXT NULL,
    user_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT account_logins_pkey PRIMARY KEY (login_provider, provider_key)
);

CREATE TABLE account_tokens (
    user_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    login_provider TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NULL,
    CONSTRAINT account_tokens_pkey PRIMARY KEY (user_id, login_provider, name)
);

CREATE TABLE role_claims (
    id INTEGER NOT NULL CONSTRAINT role_claims_pkey PRIMARY KEY AUTOINCREMENT,
    role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    claim_type TEXT NULL,
    claim_value TEXT NULL
);

ALTER TABLE api_client_versions ADD COLUMN redirect_uris TEXT NULL;

CREATE TABLE authorization_codes (
    code_hash TEXT NOT NULL CONSTRAINT authorization_codes_pkey PRIMARY KEY,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    user_id TEXT NOT NULL,
    scopes TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    expires_ticks INTEGER NOT NULL
);
