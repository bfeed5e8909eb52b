-- The job engine's queue. A job is 'available' (runnable once run_at has passed, so a scheduled
-- or retrying job is simply available with a future run_at), 'running' under a worker's lease,
-- or finished: 'completed', 'discarded' (attempts exhausted or a permanent failure) or
-- 'cancelled'. Finished rows are pruned by the engine (completed after 24 h, the others after
-- 14 days).
CREATE TABLE jobs (
    id               bigserial   PRIMARY KEY,
    kind             text        NOT NULL,
    queue            text        NOT NULL DEFAULT 'default',
    args             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    state            text        NOT NULL DEFAULT 'available',
    priority         integer     NOT NULL DEFAULT 100,
    run_at           timestamptz NOT NULL DEFAULT now(),
    attempt          integer     NOT NULL DEFAULT 0,
    max_attempts     integer     NOT NULL DEFAULT 20,
    idempotency_key  text,
    locked_by        text,
    lease_expires_at timestamptz,
    errors           jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    attempted_at     timestamptz,
    finished_at      timestamptz,
    CONSTRAINT jobs_state_check
        CHECK (state IN ('available', 'running', 'completed', 'discarded', 'cancelled')),
    CONSTRAINT jobs_kind_check CHECK (kind <> ''),
    CONSTRAINT jobs_queue_check CHECK (queue <> ''),
    CONSTRAINT jobs_args_check CHECK (jsonb_typeof(args) = 'object'),
    CONSTRAINT jobs_attempts_check CHECK (attempt >= 0 AND max_attempts >= 1),
    CONSTRAINT jobs_errors_check CHECK (jsonb_typeof(errors) = 'array'),
    CONSTRAINT jobs_lease_check
        CHECK ((state = 'running') = (locked_by IS NOT NULL AND lease_expires_at IS NOT NULL))
);

-- The claim reads the head of one queue in (priority, run_at, id) order. Only runnable rows are
-- indexed, so the index stays as small as the backlog however many finished rows are kept.
CREATE INDEX jobs_runnable ON jobs (queue, priority, run_at, id) WHERE state = 'available';

-- At most one live job per idempotency key; a finished job frees its key. Enqueue relies on
-- exactly this predicate in its ON CONFLICT clause.
CREATE UNIQUE INDEX jobs_idempotency_key_live ON jobs (idempotency_key)
    WHERE idempotency_key IS NOT NULL AND state IN ('available', 'running');

-- Lease rescue looks for expired leases among the (few) running rows.
CREATE INDEX jobs_running_lease ON jobs (lease_expires_at) WHERE state = 'running';

-- Pruning and the recent-failures statistics read finished and failed rows by time.
CREATE INDEX jobs_finished ON jobs (state, finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX jobs_failed ON jobs (attempted_at) WHERE errors <> '[]'::jsonb;

-- Every row is updated two or three times and then deleted: vacuum it far more often than the
-- default 20 % of dead rows, so the runnable index does not fill with dead entries.
ALTER TABLE jobs SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);

-- Appends one {attempt, at, error} entry and keeps only the last 20, so a job retried many times
-- cannot grow without bound.
CREATE FUNCTION jobs_append_error(errors jsonb, entry jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(jsonb_agg(e.value ORDER BY e.n), '[]'::jsonb)
      FROM jsonb_array_elements(errors || jsonb_build_array(entry)) WITH ORDINALITY AS e(value, n)
     WHERE e.n > jsonb_array_length(errors) + 1 - 20
$$;

-- Wakes idle workers (LISTEN jobs_available) when jobs are enqueued. One notification per
-- statement, not per row, so a batch of 100,000 jobs costs one. Polling remains the truth: a
-- lost notification only delays a job by one poll interval.
CREATE FUNCTION jobs_notify_available() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('jobs_available', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_notify_available AFTER INSERT ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_notify_available();
