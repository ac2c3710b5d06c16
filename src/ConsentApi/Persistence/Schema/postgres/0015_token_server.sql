-- ConsentRegistry schema v15 (PostgreSQL): OpenIddict's stores (decision 18). The registry's token, authorize, revocation and
-- introspection endpoints run on OpenIddict's server, which keeps authorization codes, refresh tokens and the
-- authorizations they belong to here (rotation and reuse detection need them on every node). oidc_applications mirrors
-- each client's newest version from api_clients, which stays the append-only record. oidc_scopes is unused (the
-- registry's scopes are its own) but OpenIddict's model includes it.
CREATE TABLE oidc_applications (
    id text NOT NULL,
    application_type character varying(50),
    client_id character varying(100),
    client_secret text,
    client_type character varying(50),
    concurrency_token character varying(50),
    consent_type character varying(50),
    display_name text,
    display_names text,
    json_web_key_set text,
    permissions text,
    post_logout_redirect_uris text,
    properties text,
    redirect_uris text,
    requirements text,
    settings text,
    CONSTRAINT "PK_oidc_applications" PRIMARY KEY (id)
);

CREATE TABLE oidc_scopes (
    id text NOT NULL,
    concurrency_token character varying(50),
    description text,
    descriptions text,
    display_name text,
    display_names text,
    name character varying(200),
    properties text,
    resources text,
    CONSTRAINT "PK_oidc_scopes" PRIMARY KEY (id)
);

CREATE TABLE oidc_authorizations (
    id text NOT NULL,
    application_id text,
    concurrency_token character varying(50),
    creation_date timestamp with time zone,
    properties text,
    scopes text,
    status character varying(50),
    subject character varying(400),
    type character varying(50),
    CONSTRAINT "PK_oidc_authorizations" PRIMARY KEY (id),
    CONSTRAINT "FK_oidc_authorizations_oidc_applications_application_id" FOREIGN KEY (application_id) REFERENCES oidc_applications (id)
);

CREATE TABLE oidc_tokens (
    id text NOT NULL,
    application_id text,
    authorization_id text,
    concurrency_token character varying(50),
    creation_date timestamp with time zone,
    expiration_date timestamp with time zone,
    payload text,
    properties text,
    redemption_date timestamp with time zone,
    reference_id character varying(100),
    status character varying(50),
    subject character varying(400),
    type character varying(150),
    CONSTRAINT "PK_oidc_tokens" PRIMARY KEY (id),
    CONSTRAINT "FK_oidc_tokens_oidc_applications_application_id" FOREIGN KEY (application_id) REFERENCES oidc_applications (id),
    CONSTRAINT "FK_oidc_tokens_oidc_authorizations_authorization_id" FOREIGN KEY (authorization_id) REFERENCES oidc_authorizations (id)
);

CREATE UNIQUE INDEX "IX_oidc_applications_client_id" ON oidc_applications (client_id);

CREATE INDEX "IX_oidc_authorizations_application_id_status_subject_type" ON oidc_authorizations (application_id, status, subject, type);

CREATE UNIQUE INDEX "IX_oidc_scopes_name" ON oidc_scopes (name);

CREATE INDEX "IX_oidc_tokens_application_id_status_subject_type" ON oidc_tokens (application_id, status, subject, type);

CREATE INDEX "IX_oidc_tokens_authorization_id" ON oidc_tokens (authorization_id);

CREATE UNIQUE INDEX "IX_oidc_tokens_reference_id" ON oidc_tokens (reference_id);
