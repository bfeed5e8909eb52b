package io.atrium.worker.engine;

import io.atrium.common.jobs.JobStats;
import io.atrium.common.jobs.JobStats.QueueStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The engine's meters. Queue and state gauges read values that {@link #refresh()} copies from
 * {@link JobStats}, so a Prometheus scrape never waits on the database.
 */
@Singleton
public final class JobMetrics {
  private final MeterRegistry registry;
  private final JobStats stats;
  private final Map<String, AtomicLong> states = new ConcurrentHashMap<>();
  private final Map<String, QueueValues> queues = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
  private final Map<String, Counter> claims = new ConcurrentHashMap<>();

  @Inject
  public JobMetrics(MeterRegistry registry, JobStats stats) {
    this.registry = registry;
    this.stats = stats;
  }

  /** Reads the figures from the database; called every few seconds by the engine. */
  public void refresh() {
    stats.countsByState().forEach((state, count) -> stateValue(state).set(count));
    Set<String> seen = new HashSet<>();
    for (QueueStats queue : stats.queues()) {
      seen.add(queue.queue());
      queueValues(queue.queue()).set(queue);
    }
    // A queue that drained keeps its gauges, at zero, rather than a stale last value.
    queues.forEach(
        (name, values) -> {
          if (!seen.contains(name)) {
            values.clear();
          }
        });
  }

  void recordDuration(String kind, String outcome, long nanos) {
    // Cached: building and looking up a meter per job costs more than a no-op handler.
    timers
        .computeIfAbsent(
            kind + '\n' + outcome,
            key ->
                Timer.builder("atrium.jobs.duration")
                    .description("time spent in the handler")
                    .tag("kind", kind)
                    .tag("outcome", outcome)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void recordClaimed(String kind) {
    claims
        .computeIfAbsent(
            kind,
            key ->
                Counter.builder("atrium.jobs.claimed")
                    .description("jobs this worker claimed")
                    .tag("kind", kind)
                    .register(registry))
        .increment();
  }

  /**
   * From the claim to the outcome: the wait for a handler thread as well as the handler. Outcome
   * completed, retry or discarded.
   */
  void recordLatency(String kind, String outcome, long nanos) {
    latencies
        .computeIfAbsent(
            kind + '\n' + outcome,
            key ->
                Timer.builder("atrium.jobs.latency")
                    .description("from the claim to the job's outcome")
                    .tag("kind", kind)
                    .tag("outcome", outcome)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void recordFailure(String kind, String outcome) {
    Counter.builder("atrium.jobs.failures")
        .description("failed attempts; outcome retry or discarded")
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void registerInFlight(InFlightJobs inFlight) {
    Gauge.builder("atrium.jobs.in_flight", inFlight, InFlightJobs::size)
        .description("jobs this worker holds")
        .strongReference(true)
        .register(registry);
  }

  private AtomicLong stateValue(String state) {
    return states.computeIfAbsent(
        state,
        name -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("atrium.jobs", value, AtomicLong::get)
              .description("jobs by state, all queues")
              .tag("state", name)
              .strongReference(true)
              .register(registry);
          return value;
        });
  }

  private QueueValues queueValues(String queue) {
    return queues.computeIfAbsent(
        queue,
        name -> {
          QueueValues values = new QueueValues();
          gauge("atrium.jobs.queue.depth", "runnable jobs waiting", name, values, v -> v.runnable);
          gauge(
              "atrium.jobs.queue.scheduled",
              "jobs waiting for their run_at",
              name,
              values,
              v -> v.scheduled);
          gauge("atrium.jobs.queue.running", "jobs running", name, values, v -> v.running);
          Gauge.builder("atrium.jobs.queue.lag", values, v -> v.lagSeconds)
              .description("how long the oldest runnable job has waited past its run_at")
              .baseUnit("seconds")
              .tag("queue", name)
              .strongReference(true)
              .register(registry);
          return values;
        });
  }

  private void gauge(
      String meter,
      String description,
      String queue,
      QueueValues values,
      ToDoubleFunction<QueueValues> read) {
    Gauge.builder(meter, values, read)
        .description(description)
        .tag("queue", queue)
        .strongReference(true)
        .register(registry);
  }

  private static final class QueueValues {
    private volatile double runnable;
    private volatile double scheduled;
    private volatile double running;
    private volatile double lagSeconds;

    void set(QueueStats stats) {
      runnable = stats.runnable();
      scheduled = stats.scheduled();
      running = stats.running();
      lagSeconds = stats.lagSeconds();
    }

    void clear() {
      runnable = 0;
      scheduled = 0;
      running = 0;
      lagSeconds = 0;
    }
  }
}
