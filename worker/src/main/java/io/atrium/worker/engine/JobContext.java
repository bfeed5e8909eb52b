package io.atrium.worker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** What a handler knows of the job it runs. {@code attempt} starts at 1. */
public record JobContext(
    long id,
    String kind,
    String queue,
    JsonNode args,
    int attempt,
    int maxAttempts,
    String idempotencyKey,
    Instant enqueuedAt) {}
