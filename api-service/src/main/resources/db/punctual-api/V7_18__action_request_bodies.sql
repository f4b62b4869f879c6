-- What each trigger or backfill request asked for (its command as written to the commands topic), so
-- that a retry with the same Idempotency-Key but another body (other parameters, another range, a
-- backfill instead of a trigger) is refused with 422 instead of being taken for the first request.
-- Rows from before this migration have none, and any retry of them is taken as the same request.
ALTER TABLE action_requests ADD COLUMN command bytea;
