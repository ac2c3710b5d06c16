-- ConsentRegistry schema v12 (PostgreSQL): job runs are executed by Hangfire (decision 15). Each row is still one attempt
-- at one job for one day, now also naming the Hangfire background job that ran it, so staff can follow a run from the
-- registry's list into Hangfire's dashboard. The lease columns (not_before_ticks, heartbeat_ticks) keep the values
-- written before this version; new rows set not_before_ticks to the time requested and leave heartbeat_ticks empty.
ALTER TABLE job_runs ADD COLUMN background_job_id text;
CREATE INDEX ix_job_runs_background_job ON job_runs (background_job_id);
CREATE INDEX ix_job_runs_job_day ON job_runs (job, target_day);
