-- Issue 13: labels, the pause after failures, and missed occurrences.

-- GET /jobs?label=k:v filters with definition -> 'labels' @> '{"k":"v"}', which this index serves
-- (jsonb_path_ops: containment only, smaller than the default operator class).
CREATE INDEX jobs_labels ON jobs USING gin ((definition -> 'labels') jsonb_path_ops);

-- Why a paused job is paused: 'FAILURES' when the API paused it after pauseAfterFailures
-- consecutive failed occurrences; NULL otherwise (a paused job then shows pausedReason MANUAL).
-- Kept only while the job stays paused; resuming clears it.
ALTER TABLE jobs ADD COLUMN paused_reason text CHECK (paused_reason IN ('FAILURES'));

-- Consecutive scheduled occurrences whose final result was a failure, counted by the results
-- projection; a success, a pause or a resume sets it back to 0.
ALTER TABLE jobs ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0;

-- The missed topic, one row per record. The unique key makes a record applied again (after a
-- restart of the projection) change nothing.
CREATE TABLE missed_occurrences (
    seq                bigserial   PRIMARY KEY,
    job_id             text COLLATE "C" NOT NULL,
    reason             text        NOT NULL,
    policy             text        NOT NULL,
    from_at            timestamptz NOT NULL,
    to_at              timestamptz NOT NULL,
    count              bigint      NOT NULL CHECK (count >= 1),
    fired_scheduled_at timestamptz,
    detected_at        timestamptz NOT NULL,
    UNIQUE (job_id, reason, from_at, to_at, detected_at)
);

-- GET /jobs/{id}/missed: newest first, by seq.
CREATE INDEX missed_occurrences_job_seq ON missed_occurrences (job_id, seq DESC);
