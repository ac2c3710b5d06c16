-- ConsentRegistry schema v2 (SQLite): GP practices and patients' registrations (append-only).

CREATE TABLE practices (
    ods_code     TEXT NOT NULL CONSTRAINT practices_pkey PRIMARY KEY,
    name         TEXT NOT NULL,
    sub_icb_code TEXT NOT NULL,
    sub_icb_name TEXT NOT NULL,
    icb_code     TEXT NOT NULL,
    icb_name     TEXT NOT NULL,
    region_code  TEXT NOT NULL,
    region_name  TEXT NOT NULL
);
CREATE INDEX ix_practices_sub_icb ON practices (sub_icb_code);

CREATE TABLE patient_registrations (
    id                    INTEGER NOT NULL CONSTRAINT patient_registrations_pkey PRIMARY KEY AUTOINCREMENT,
    nhs_number            INTEGER NOT NULL,
    practice_ods_code     TEXT    NOT NULL,
    sex                   TEXT    NOT NULL,
    birth_year            INTEGER NOT NULL,
    registered_from_ticks INTEGER NOT NULL
);
CREATE INDEX ix_patient_registrations_nhs ON patient_registrations (nhs_number);
CREATE INDEX ix_patient_registrations_practice ON patient_registrations (practice_ods_code);

CREATE TRIGGER patient_registrations_no_update BEFORE UPDATE ON patient_registrations
BEGIN SELECT RAISE(ABORT, 'patient_registrations is append-only: a move is a new registration'); END;
CREATE TRIGGER patient_registrations_no_delete BEFORE DELETE ON patient_registrations
BEGIN SELECT RAISE(ABORT, 'patient_registrations is append-only: a move is a new registration'); END;
