-- What the complete REST surface needs: commands in the outbox, idempotency keys of POST /jobs,
-- and indexes for the list filters.

-- The outbox also carries commands (TRIGGER) for the commands topic: a trigger is durable before
-- the API answers 202 and reaches Kafka after the job's earlier definitions (same bucket, id order).
ALTER TABLE outbox
    ADD COLUMN kind text NOT NULL DEFAULT 'JOB' CHECK (kind IN ('JOB', 'COMMAND'));

-- Idempotency-Key of POST /jobs -> the job it created, with the request (the definition as
-- requested, id set to the job's) so that a retry with another body is recognised. Rows older than
-- punctual.api.idempotency-key-retention are ignored and purged.
CREATE TABLE idempotency_keys (
    key        text COLLATE "C" PRIMARY KEY,
    job_id     text COLLATE "C" NOT NULL,
    request    jsonb       NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- Whether the job can ever complete (a one-time job, or one with endAt or maxRuns): the status
-- filter looks for COMPLETED jobs only among these, since COMPLETED is derived when a job is read.
ALTER TABLE jobs
    ADD COLUMN bounded boolean GENERATED ALWAYS AS
        ((definition -> 'schedule') ?| ARRAY ['at', 'endAt', 'maxRuns']) STORED;

CREATE INDEX jobs_status_id ON jobs (status, id);

-- GET /jobs?name= is a case-insensitive prefix match.
CREATE INDEX jobs_lower_name ON jobs (lower(name) text_pattern_ops);

CREATE INDEX executions_job_status_seq ON executions (job_id, status, seq DESC);
