package io.atrium.worker.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Reads jobs back for assertions, and waits for conditions (with a limit, never a timing). */
public final class JobRows {
  private JobRows() {}

  public record JobRow(
      long id,
      String kind,
      String queue,
      String state,
      int priority,
      int attempt,
      int maxAttempts,
      String lockedBy,
      String idempotencyKey,
      String args,
      String errors,
      Instant runAt,
      Instant attemptedAt,
      Instant finishedAt) {}

  public static JobRow find(Jdbi jdbi, long id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    """
                    SELECT id, kind, queue, state, priority, attempt, max_attempts, locked_by,
                           idempotency_key, args::text AS args, errors::text AS errors, run_at,
                           attempted_at, finished_at
                      FROM jobs WHERE id = :id
                    """)
                .bind("id", id)
                .map(ConstructorMapper.of(JobRow.class))
                .one());
  }

  public static long count(Jdbi jdbi, String where) {
    return jdbi.withHandle(
        handle ->
            handle.createQuery("SELECT count(*) FROM jobs WHERE " + where).mapTo(Long.class).one());
  }

  public static List<Long> ids(Jdbi jdbi, String where) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT id FROM jobs WHERE " + where + " ORDER BY id")
                .mapTo(Long.class)
                .list());
  }

  /** Polls until {@code condition} holds; fails after {@code limit}, which is never the point. */
  public static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + " after " + limit);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
