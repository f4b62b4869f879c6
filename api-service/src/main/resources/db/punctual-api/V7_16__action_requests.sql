-- The request ids of POST /jobs/{id}/trigger and /backfill (the Idempotency-Key when the client sent
-- one): a retry with the same key writes no second command, so the scheduler fires once per request.
CREATE TABLE action_requests (
  job_id     text        NOT NULL,
  request_id text        NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (job_id, request_id)
);
CREATE INDEX action_requests_created_at ON action_requests (created_at);
