package io.atrium.worker.engine;

import io.atrium.common.config.WorkerConfig;
import java.time.Duration;

/**
 * How one engine runs. Only the concurrency comes from the environment (WORKER_CONCURRENCY); the
 * rest are defaults that tests shorten.
 *
 * @param workerId written into {@code locked_by}; unique per process
 * @param lease how long a claimed job stays ours without a heartbeat
 * @param heartbeatInterval how often leases of running jobs are extended; well under the lease
 * @param minPoll first idle wait once no job was found; doubles up to {@code maxPoll}
 * @param shutdownGrace how long running jobs may finish on SIGTERM before they are released
 * @param statsInterval how often queue gauges are refreshed from the database
 * @param rescueInterval how often expired leases are looked for (a scheduled job)
 */
public record EngineSettings(
    String workerId,
    int concurrency,
    Duration lease,
    Duration heartbeatInterval,
    Duration minPoll,
    Duration maxPoll,
    Duration shutdownGrace,
    Duration statsInterval,
    Duration rescueInterval,
    RetryBackoff backoff) {

  public EngineSettings {
    if (workerId == null || workerId.isBlank()) {
      throw new IllegalArgumentException("workerId is required");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    if (heartbeatInterval.compareTo(lease.dividedBy(2)) > 0) {
      throw new IllegalArgumentException("the heartbeat must come at least twice per lease");
    }
    if (minPoll.isNegative() || minPoll.isZero() || maxPoll.compareTo(minPoll) < 0) {
      throw new IllegalArgumentException("polling needs 0 < minPoll <= maxPoll");
    }
  }

  public static EngineSettings defaults(WorkerConfig config) {
    return new EngineSettings(
        WorkerIds.generate(),
        config.concurrency(),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofMillis(50),
        Duration.ofSeconds(1),
        Duration.ofSeconds(20),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        RetryBackoff.DEFAULT);
  }

  public EngineSettings withWorkerId(String value) {
    return new EngineSettings(
        value,
        concurrency,
        lease,
        heartbeatInterval,
        minPoll,
        maxPoll,
        shutdownGrace,
        statsInterval,
        rescueInterval,
        backoff);
  }

  public EngineSettings withConcurrency(int value) {
    return new EngineSettings(
        workerId,
        value,
        lease,
        heartbeatInterval,
        minPoll,
        maxPoll,
        shutdownGrace,
        statsInterval,
        rescueInterval,
        backoff);
  }

  public EngineSettings withLease(Duration value, Duration heartbeat) {
    return new EngineSettings(
        workerId,
        concurrency,
        value,
        heartbeat,
        minPoll,
        maxPoll,
        shutdownGrace,
        statsInterval,
        rescueInterval,
        backoff);
  }

  public EngineSettings withShutdownGrace(Duration value) {
    return new EngineSettings(
        workerId,
        concurrency,
        lease,
        heartbeatInterval,
        minPoll,
        maxPoll,
        value,
        statsInterval,
        rescueInterval,
        backoff);
  }

  public EngineSettings withRescueInterval(Duration value) {
    return new EngineSettings(
        workerId,
        concurrency,
        lease,
        heartbeatInterval,
        minPoll,
        maxPoll,
        shutdownGrace,
        statsInterval,
        value,
        backoff);
  }

  public EngineSettings withBackoff(RetryBackoff value) {
    return new EngineSettings(
        workerId,
        concurrency,
        lease,
        heartbeatInterval,
        minPoll,
        maxPoll,
        shutdownGrace,
        statsInterval,
        rescueInterval,
        value);
  }

  public EngineSettings withPolling(Duration min, Duration max) {
    return new EngineSettings(
        workerId,
        concurrency,
        lease,
        heartbeatInterval,
        min,
        max,
        shutdownGrace,
        statsInterval,
        rescueInterval,
        backoff);
  }
}
