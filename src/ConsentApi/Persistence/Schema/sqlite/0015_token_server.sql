-- ConsentRegistry schema v15 (SQLite): OpenIddict's stores (decision 18). The registry's token, authorize, revocation and
-- introspection endpoints run on OpenIddict's server, which keeps authorization codes, refresh tokens and the
-- authorizations they belong to here (rotation and reuse detection need them on every node). oidc_applications mirrors
-- each client's newest version from api_clients, which stays the append-only record. oidc_scopes is unused (the
-- registry's scopes are its own) but OpenIddict's model includes it.
CREATE TABLE "oidc_applications" (
    "id" TEXT NOT NULL CONSTRAINT "PK_oidc_applications" PRIMARY KEY,
    "application_type" TEXT NULL,
    "client_id" TEXT NULL,
    "client_secret" TEXT NULL,
    "client_type" TEXT NULL,
    "concurrency_token" TEXT NULL,
    "consent_type" TEXT NULL,
    "display_name" TEXT NULL,
    "display_names" TEXT NULL,
    "json_web_key_set" TEXT NULL,
    "permissions" TEXT NULL,
    "post_logout_redirect_uris" TEXT NULL,
    "properties" TEXT NULL,
    "redirect_uris" TEXT NULL,
    "requirements" TEXT NULL,
    "settings" TEXT NULL
);

CREATE TABLE "oidc_scopes" (
    "id" TEXT NOT NULL CONSTRAINT "PK_oidc_scopes" PRIMARY KEY,
    "concurrency_token" TEXT NULL,
    "description" TEXT NULL,
    "descriptions" TEXT NULL,
    "display_name" TEXT NULL,
    "display_names" TEXT NULL,
    "name" TEXT NULL,
    "properties" TEXT NULL,
    "resources" TEXT NULL
);

CREATE TABLE "oidc_authorizations" (
    "id" TEXT NOT NULL CONSTRAINT "PK_oidc_authorizations" PRIMARY KEY,
    "application_id" TEXT NULL,
    "concurrency_token" TEXT NULL,
    "creation_date" TEXT NULL,
    "properties" TEXT NULL,
    "scopes" TEXT NULL,
    "status" TEXT NULL,
    "subject" TEXT NULL,
    "type" TEXT NULL,
    CONSTRAINT "FK_oidc_authorizations_oidc_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "oidc_applications" ("id")
);

CREATE TABLE "oidc_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "PK_oidc_tokens" PRIMARY KEY,
    "application_id" TEXT NULL,
    "authorization_id" TEXT NULL,
    "concurrency_token" TEXT NULL,
    "creation_date" TEXT NULL,
    "expiration_date" TEXT NULL,
    "payload" TEXT NULL,
    "properties" TEXT NULL,
    "redemption_date" TEXT NULL,
    "reference_id" TEXT NULL,
    "status" TEXT NULL,
    "subject" TEXT NULL,
    "type" TEXT NULL,
    CONSTRAINT "FK_oidc_tokens_oidc_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "oidc_applications" ("id"),
    CONSTRAINT "FK_oidc_tokens_oidc_authorizations_authorization_id" FOREIGN KEY ("authorization_id") REFERENCES "oidc_authorizations" ("id")
);

CREATE UNIQUE INDEX "IX_oidc_applications_client_id" ON "oidc_applications" ("client_id");

CREATE INDEX "IX_oidc_authorizations_application_id_status_subject_type" ON "oidc_authorizations" ("application_id", "status", "subject", "type");

CREATE UNIQUE INDEX "IX_oidc_scopes_name" ON "oidc_scopes" ("name");

CREATE INDEX "IX_oidc_tokens_application_id_status_subject_type" ON "oidc_tokens" ("application_id", "status", "subject", "type");

CREATE INDEX "IX_oidc_tokens_authorization_id" ON "oidc_tokens" ("authorization_id");

CREATE UNIQUE INDEX "IX_oidc_tokens_reference_id" ON "oidc_tokens" ("reference_id");
