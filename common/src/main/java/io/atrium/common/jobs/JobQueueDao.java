package io.atrium.common.jobs;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The writes of {@link JobQueue}, attached to the caller's handle so they join its transaction. The
 * ON CONFLICT predicate must stay identical to the one of the index {@code
 * jobs_idempotency_key_live}.
 */
interface JobQueueDao {

  @SqlQuery(
      """
      INSERT INTO jobs (kind, queue, args, priority, run_at, max_attempts, idempotency_key,
                        request_id)
      VALUES (:kind, :queue, CAST(:args AS jsonb), :priority, coalesce(:runAt, now()),
              :maxAttempts, :idempotencyKey, :requestId)
      ON CONFLICT (idempotency_key)
        WHERE idempotency_key IS NOT NULL AND state IN ('available', 'running')
        DO NOTHING
      RETURNING id
      """)
  Optional<Long> insert(
      @Bind("kind") String kind,
      @Bind("queue") String queue,
      @Bind("args") String args,
      @Bind("priority") int priority,
      @Bind("runAt") OffsetDateTime runAt,
      @Bind("maxAttempts") int maxAttempts,
      @Bind("idempotencyKey") String idempotencyKey,
      @Bind("requestId") String requestId);

  /** Ids taken up front so that each job of a batch knows its own, in input order. */
  @SqlQuery("SELECT nextval('jobs_id_seq') FROM generate_series(1, :count)")
  long[] allocateIds(@Bind("count") int count);

  @SqlQuery(
      """
      INSERT INTO jobs (id, kind, queue, args, priority, run_at, max_attempts, idempotency_key,
                        request_id)
      SELECT j.id, j.kind, j.queue, CAST(j.args AS jsonb), j.priority,
             coalesce(CAST(j.run_at AS timestamptz), now()), j.max_attempts, j.idempotency_key,
             CAST(:requestId AS text)
        FROM unnest(:ids, :kinds, :queues, :args, :priorities, :runAts, :maxAttempts, :keys)
             WITH ORDINALITY
             AS j(id, kind, queue, args, priority, run_at, max_attempts, idempotency_key, n)
       ORDER BY j.n
      ON CONFLICT (idempotency_key)
        WHERE idempotency_key IS NOT NULL AND state IN ('available', 'running')
        DO NOTHING
      RETURNING id
      """)
  long[] insertBatch(
      @Bind("ids") long[] ids,
      @Bind("kinds") String[] kinds,
      @Bind("queues") String[] queues,
      @Bind("args") String[] args,
      @Bind("priorities") int[] priorities,
      @Bind("runAts") String[] runAts,
      @Bind("maxAttempts") int[] maxAttempts,
      @Bind("keys") String[] idempotencyKeys,
      @Bind("requestId") String requestId);

  @SqlQuery(
      """
      SELECT idempotency_key, id FROM jobs
       WHERE idempotency_key = ANY(:keys)
         AND idempotency_key IS NOT NULL AND state IN ('available', 'running')
      """)
  List<LiveKey> findLive(@Bind("keys") String[] idempotencyKeys);

  @SqlUpdate(
      """
      UPDATE jobs
         SET state = 'cancelled', finished_at = now(), locked_by = NULL, lease_expires_at = NULL
       WHERE id = :id AND state IN ('available', 'running')
      """)
  boolean cancel(@Bind("id") long id);

  record LiveKey(String idempotencyKey, long id) {}
}
