-- The X-Request-Id of the request that enqueued a job (and of the jobs its handler enqueued in
-- turn), so that the worker's log lines and the mail it sends carry the same id as the API's. Jobs
-- enqueued by the schedules have none. Nullable without a default: adding it rewrites no row.
ALTER TABLE jobs ADD COLUMN request_id text;
