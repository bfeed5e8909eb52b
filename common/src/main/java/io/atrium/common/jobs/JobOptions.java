package io.atrium.common.jobs;

import java.time.Instant;

/**
 * How a job is enqueued. A null {@code runAt} means now (the database's clock); a non-null {@code
 * idempotencyKey} allows at most one live (not yet completed, discarded or cancelled) job with that
 * key.
 */
public record JobOptions(
    String queue, int priority, Instant runAt, int maxAttempts, String idempotencyKey) {
  public static final String DEFAULT_QUEUE = "default";
  public static final int DEFAULT_PRIORITY = 100;
  public static final int DEFAULT_MAX_ATTEMPTS = 20;

  public JobOptions {
    if (queue == null || queue.isBlank()) {
      throw new IllegalArgumentException("queue is required");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static JobOptions defaults() {
    return new JobOptions(DEFAULT_QUEUE, DEFAULT_PRIORITY, null, DEFAULT_MAX_ATTEMPTS, null);
  }

  public JobOptions queue(String value) {
    return new JobOptions(value, priority, runAt, maxAttempts, idempotencyKey);
  }

  /** Lower runs first. */
  public JobOptions priority(int value) {
    return new JobOptions(queue, value, runAt, maxAttempts, idempotencyKey);
  }

  public JobOptions runAt(Instant value) {
    return new JobOptions(queue, priority, value, maxAttempts, idempotencyKey);
  }

  public JobOptions maxAttempts(int value) {
    return new JobOptions(queue, priority, runAt, value, idempotencyKey);
  }

  public JobOptions idempotencyKey(String value) {
    return new JobOptions(queue, priority, runAt, maxAttempts, value);
  }
}
