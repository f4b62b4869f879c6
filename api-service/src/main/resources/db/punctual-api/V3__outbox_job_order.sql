-- The relay publishes the oldest row of each job per round (a job's next row only after Kafka
-- acknowledged the previous one); this index finds whether a row has an earlier one of its job.
CREATE INDEX outbox_job_id_id ON outbox (job_id, id);
