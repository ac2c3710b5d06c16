-- ConsentRegistry schema v11 (SQLite): identity evidence a stranger cannot guess, and throttling of guesses.
-- A person creating an account proves who they are with their full date of birth and postcode as the registrations
-- feed records them (a year of birth and a practice code could be found in a few thousand tries). Registrations
-- written before this version (and the synthetic population) carry neither, so nobody can register against them.
ALTER TABLE patient_registrations ADD COLUMN birth_date TEXT;
ALTER TABLE patient_registrations ADD COLUMN postcode TEXT;

-- Failed sign-ins and registrations, so the registry can refuse further guesses per source and per subject. The
-- subject is kept only as a SHA-256 digest (no NHS number or user name in clear). Old rows may be purged.
CREATE TABLE auth_failures (
    id           INTEGER NOT NULL CONSTRAINT auth_failures_pkey PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    failed_ticks INTEGER NOT NULL
);
CREATE INDEX ix_auth_failures_subject ON auth_failures (kind, subject, failed_ticks);
CREATE INDEX ix_auth_failures_source ON auth_failures (kind, source, failed_ticks);
