package io.atrium.worker.engine;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The engine's statements, each one short and on its own (autocommit) connection. Every write to a
 * running job is fenced on {@code locked_by} and {@code attempt}: a worker whose lease was rescued,
 * and the job claimed again, cannot overwrite the newer attempt.
 */
@PlannedEachTime
public interface JobDao {

  @SqlQuery(
      """
      WITH next AS MATERIALIZED (
        SELECT id FROM jobs
         WHERE state = 'available' AND queue = :queue AND run_at <= now()
         ORDER BY priority, run_at, id
         LIMIT :limit
         FOR NO KEY UPDATE SKIP LOCKED)
      UPDATE jobs
         SET state = 'running', locked_by = :workerId,
             lease_expires_at = now() + interval '1 millisecond' * :leaseMillis,
             attempt = jobs.attempt + 1, attempted_at = now()
        FROM next
       WHERE jobs.id = next.id
      RETURNING jobs.id, jobs.kind, jobs.queue, jobs.args::text AS args, jobs.attempt,
                jobs.max_attempts, jobs.idempotency_key, jobs.created_at, jobs.request_id
      """)
  List<ClaimedJob> claim(
      @Bind("workerId") String workerId,
      @Bind("queue") String queue,
      @Bind("limit") int limit,
      @Bind("leaseMillis") long leaseMillis);

  /** The queues that hold available jobs: a skip scan of jobs_runnable, one probe per queue. */
  @SqlQuery(
      """
      WITH RECURSIVE queues(queue) AS (
        (SELECT queue FROM jobs WHERE state = 'available' ORDER BY queue LIMIT 1)
        UNION ALL
        SELECT (SELECT j.queue FROM jobs j
                 WHERE j.state = 'available' AND j.queue > q.queue
                 ORDER BY j.queue LIMIT 1)
          FROM queues q
         WHERE q.queue IS NOT NULL)
      SELECT queue FROM queues WHERE queue IS NOT NULL
      """)
  List<String> queuesWithAvailableJobs();

  @SqlQuery(
      """
      UPDATE jobs
         SET state = 'completed', finished_at = now(), locked_by = NULL, lease_expires_at = NULL
        FROM unnest(:ids, :attempts) AS done(id, attempt)
       WHERE jobs.id = done.id AND jobs.attempt = done.attempt
         AND jobs.locked_by = :workerId AND jobs.state = 'running'
      RETURNING jobs.id
      """)
  long[] complete(
      @Bind("workerId") String workerId, @Bind("ids") long[] ids, @Bind("attempts") int[] attempts);

  /**
   * Back to available after {@code backoffMillis} (database clock), or discarded when permanent or
   * out of attempts. Returns the new state, or nothing when the job is no longer ours.
   */
  @SqlQuery(
      """
      UPDATE jobs
         SET state = CASE WHEN :permanent OR attempt >= max_attempts
                          THEN 'discarded' ELSE 'available' END,
             run_at = CASE WHEN :permanent OR attempt >= max_attempts
                           THEN run_at ELSE now() + interval '1 millisecond' * :backoffMillis END,
             finished_at = CASE WHEN :permanent OR attempt >= max_attempts THEN now() END,
             errors = jobs_append_error(errors, jsonb_build_object(
                 'attempt', attempt, 'at', now(), 'error', CAST(:error AS text))),
             locked_by = NULL, lease_expires_at = NULL
       WHERE id = :id AND attempt = :attempt AND locked_by = :workerId AND state = 'running'
      RETURNING state
      """)
  List<String> fail(
      @Bind("workerId") String workerId,
      @Bind("id") long id,
      @Bind("attempt") int attempt,
      @Bind("permanent") boolean permanent,
      @Bind("error") String error,
      @Bind("backoffMillis") long backoffMillis);

  /** Extends the leases of the jobs still ours; returns their ids. */
  @SqlQuery(
      """
      UPDATE jobs
         SET lease_expires_at = now() + interval '1 millisecond' * :leaseMillis
        FROM unnest(:ids, :attempts) AS held(id, attempt)
       WHERE jobs.id = held.id AND jobs.attempt = held.attempt
         AND jobs.locked_by = :workerId AND jobs.state = 'running'
      RETURNING jobs.id
      """)
  long[] heartbeat(
      @Bind("workerId") String workerId,
      @Bind("ids") long[] ids,
      @Bind("attempts") int[] attempts,
      @Bind("leaseMillis") long leaseMillis);

  /** Gives jobs back at shutdown without spending their attempt. */
  @SqlQuery(
      """
      UPDATE jobs
         SET state = 'available', attempt = jobs.attempt - 1, locked_by = NULL,
             lease_expires_at = NULL
        FROM unnest(:ids, :attempts) AS held(id, attempt)
       WHERE jobs.id = held.id AND jobs.attempt = held.attempt
         AND jobs.locked_by = :workerId AND jobs.state = 'running'
      RETURNING jobs.id
      """)
  long[] release(
      @Bind("workerId") String workerId, @Bind("ids") long[] ids, @Bind("attempts") int[] attempts);

  /**
   * Jobs whose worker stopped heartbeating: available again at once (the attempt stays spent), or
   * discarded when that was the last one. Returns the new states.
   */
  @SqlQuery(
      """
      WITH expired AS MATERIALIZED (
        SELECT id FROM jobs
         WHERE state = 'running' AND lease_expires_at < now()
         ORDER BY lease_expires_at
         LIMIT :limit
         FOR NO KEY UPDATE SKIP LOCKED)
      UPDATE jobs
         SET state = CASE WHEN attempt >= max_attempts THEN 'discarded' ELSE 'available' END,
             finished_at = CASE WHEN attempt >= max_attempts THEN now() END,
             errors = jobs_append_error(errors, jsonb_build_object(
                 'attempt', attempt, 'at', now(),
                 'error', 'lease expired: worker ' || locked_by || ' stopped heartbeating')),
             locked_by = NULL, lease_expires_at = NULL
        FROM expired
       WHERE jobs.id = expired.id
      RETURNING jobs.state
      """)
  List<String> rescueExpiredLeases(@Bind("limit") int limit);

  @SqlUpdate(
      """
      DELETE FROM jobs
       WHERE id IN (SELECT id FROM jobs
                     WHERE state = :state
                       AND finished_at < now() - interval '1 millisecond' * :retentionMillis
                     LIMIT :limit)
      """)
  int pruneFinished(
      @Bind("state") String state,
      @Bind("retentionMillis") long retentionMillis,
      @Bind("limit") int limit);

  /** Wakes idle workers after jobs became available by an update (release, rescue). */
  @SqlQuery("SELECT pg_notify('jobs_available', '')")
  String notifyAvailable();
}
