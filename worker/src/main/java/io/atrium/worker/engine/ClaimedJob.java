package io.atrium.worker.engine;

import java.time.Instant;

/**
 * A job this worker holds: {@code attempt} is the fencing token of this run; {@code requestId} the
 * id of the request that enqueued it, or null.
 */
public record ClaimedJob(
    long id,
    String kind,
    String queue,
    String args,
    int attempt,
    int maxAttempts,
    String idempotencyKey,
    Instant createdAt,
    String requestId) {}
