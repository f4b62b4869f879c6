-- Issue 14: the run progress a re-sync carries to the jobs topic, and the retention of the tables
-- that grow with every fire.

-- The nominal time of the last scheduled occurrence known to have fired (trigger SCHEDULE), kept
-- by the fires and results projections next to scheduled_runs. POST /admin/resync/topic carries
-- both on each definition's record, so that a scheduler starting from empty state resumes after
-- it instead of firing it again. Filled here from the history there is.
ALTER TABLE jobs ADD COLUMN last_scheduled_at timestamptz;

UPDATE jobs SET last_scheduled_at = fired.last
FROM (SELECT job_id, max(scheduled_at) AS last FROM executions
      WHERE trigger = 'SCHEDULE' GROUP BY job_id) AS fired
WHERE jobs.id = fired.job_id;

-- The retention purges delete the oldest rows in bounded batches; these indexes make each batch
-- an index range scan instead of a scan of the whole table while the projections write to it
-- (the audit log has audit_log_at since V5).
CREATE INDEX executions_due_at ON executions (due_at);
CREATE INDEX missed_occurrences_detected_at ON missed_occurrences (detected_at);
