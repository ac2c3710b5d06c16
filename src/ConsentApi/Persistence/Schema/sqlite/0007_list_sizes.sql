-- ConsentRegistry schema v7 (SQLite): practices' registered list sizes as published monthly ("Patients Registered at a
-- GP Practice"): one snapshot per extract date, never overwritten, and a record of each import.

CREATE TABLE list_size_imports (
    id INTEGER NOT NULL CONSTRAINT list_size_imports_pkey PRIMARY KEY AUTOINCREMENT,
    extract_date TEXT NOT NULL,
    practices INTEGER NOT NULL,
    rows_imported INTEGER NOT NULL,
    imported_ticks INTEGER NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_list_size_imports_extract_date ON list_size_imports (extract_date);

CREATE TABLE practice_list_sizes (
    extract_date TEXT NOT NULL,
    ods_code TEXT NOT NULL,
    sex TEXT NOT NULL,
    age_band TEXT NOT NULL,
    patients INTEGER NOT NULL,
    CONSTRAINT practice_list_sizes_pkey PRIMARY KEY (extract_date, ods_code, sex, age_band)
);
CREATE INDEX ix_practice_list_sizes_practice ON practice_list_sizes (ods_code, extract_date);

CREATE TRIGGER list_size_imports_no_update BEFORE UPDATE ON list_size_imports
BEGIN SELECT RAISE(ABORT, 'list_size_imports is append-only'); END;
CREATE TRIGGER list_size_imports_no_delete BEFORE DELETE ON list_size_imports
BEGIN SELECT RAISE(ABORT, 'list_size_imports is append-only'); END;
CREATE TRIGGER practice_list_sizes_no_update BEFORE UPDATE ON practice_list_sizes
BEGIN SELECT RAISE(ABORT, 'practice_list_sizes is append-only'); END;
CREATE TRIGGER practice_list_sizes_no_delete BEFORE DELETE ON practice_list_sizes
BEGIN SELECT RAISE(ABORT, 'practice_list_sizes is append-only'); END;
