-- ConsentRegistry schema v13 (SQLite): one open episode per flag. A finding for the same method, policy, area and
-- direction as a flag whose investigation is still open is stored as a later week of that flag's episode
-- (episode_flag_id names the flag that opened it) instead of opening a new investigation. Flags stay append-only.
ALTER TABLE monitoring_flags ADD COLUMN episode_flag_id INTEGER NULL REFERENCES monitoring_flags (id);
CREATE INDEX ix_monitoring_flags_episode ON monitoring_flags (episode_flag_id);
