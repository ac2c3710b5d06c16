-- ConsentRegistry schema v14 (SQLite): deaths and removals from the registrations feed. The end of a registration is
-- a further append-only row from the day the person stopped being registered, with no practice ('') and the reason
-- (death or removal); recorded_ticks says when the registry learnt of each row, so a backdated change can be told
-- from one made on time, and the rates of days computed before it can be revised (indexed for that look-up).
ALTER TABLE patient_registrations ADD COLUMN ended_reason TEXT NULL;
ALTER TABLE patient_registrations ADD COLUMN recorded_ticks INTEGER NULL;
CREATE INDEX ix_patient_registrations_recorded ON patient_registrations (recorded_ticks);
