-- Jobs as the REST API shows them, the outbox towards the jobs topic, and the executions projected
-- from the results topic. Later migrations add columns (filters, fires, idempotency keys); nothing
-- here assumes the API is the only writer of jobs.

CREATE TABLE jobs (
    -- "C" collation: ids compare byte by byte, so keyset pagination orders them as clients do.
    id              text COLLATE "C" PRIMARY KEY,
    name            text,
    -- The definition as JobDefinitionCodec writes it, with version, createdAt and updatedAt.
    definition      jsonb       NOT NULL,
    -- ACTIVE or PAUSED as written; COMPLETED is derived when read (and may be stored later).
    status          text        NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'COMPLETED')),
    version         bigint      NOT NULL CHECK (version >= 1),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- The latest known attempt (by start time), from the results topic.
    last_run_at     timestamptz,
    last_run_status text,
    -- Scheduled fires known to have run, for maxRuns.
    scheduled_runs  bigint      NOT NULL DEFAULT 0
);

CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    job_id     text COLLATE "C" NOT NULL,
    -- The record value for the jobs topic; NULL is a tombstone.
    payload    bytea,
    created_at timestamptz NOT NULL,
    -- Rows are relayed per bucket under an advisory lock; the bucket count (16) is fixed here and
    -- in OutboxStore.BUCKETS, so that every instance puts one job's rows in the same bucket.
    bucket     integer GENERATED ALWAYS AS (((hashtext(job_id) % 16) + 16) % 16) STORED
);

CREATE INDEX outbox_bucket_id ON outbox (bucket, id);

CREATE TABLE executions (
    fire_id      text COLLATE "C" NOT NULL,
    attempt      integer     NOT NULL CHECK (attempt >= 1),
    job_id       text COLLATE "C" NOT NULL,
    trigger      text        NOT NULL,
    status       text        NOT NULL,
    scheduled_at timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    worker_id    text,
    detail       jsonb,
    error        text,
    -- Order of arrival: the history is listed newest first by seq, which never repeats.
    seq          bigserial   NOT NULL UNIQUE,
    PRIMARY KEY (fire_id, attempt)
);

-- No foreign key to jobs: results may arrive for jobs produced straight onto the jobs topic.
CREATE INDEX executions_job_seq ON executions (job_id, seq DESC);
