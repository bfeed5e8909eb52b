package io.atrium.worker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What a handler knows of the job it runs. {@code attempt} starts at 1; {@code requestId} is the id
 * of the request that enqueued the job, null for a job of the schedules.
 */
public record JobContext(
    long id,
    String kind,
    String queue,
    JsonNode args,
    int attempt,
    int maxAttempts,
    String idempotencyKey,
    Instant enqueuedAt,
    String requestId) {

  /** A job that no request enqueued. */
  public JobContext(
      long id,
      String kind,
      String queue,
      JsonNode args,
      int attempt,
      int maxAttempts,
      String idempotencyKey,
      Instant enqueuedAt) {
    this(id, kind, queue, args, attempt, maxAttempts, idempotencyKey, enqueuedAt, null);
  }
}
