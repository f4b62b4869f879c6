-- The audit log of every change, and the rate-limit buckets shared by every API instance.

-- One row per change (or refused attempt): who, what, on which job, with which outcome. Newest
-- first by id; the filters of GET /admin/audit (jobId, actor, since) each have an index that ends
-- in id, so a page is an index range scan.
CREATE TABLE audit_log (
    id             bigserial PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor          text COLLATE "C" NOT NULL,
    action         text NOT NULL,
    job_id         text COLLATE "C",
    version        bigint,
    remote_address text,
    outcome        text NOT NULL CHECK (outcome IN ('succeeded', 'refused', 'failed')),
    status         integer,
    detail         text
);

CREATE INDEX audit_log_job_id ON audit_log (job_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- Bucket4j's token buckets (PostgreSQLSelectForUpdateBasedProxyManager): one row per caller, the
-- bucket's serialised state, and when it would be full again (rows past it may be deleted).
CREATE TABLE rate_limit_buckets (
    id         text COLLATE "C" PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
