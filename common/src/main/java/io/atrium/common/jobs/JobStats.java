package io.atrium.common.jobs;

import io.atrium.common.db.UnitOfWork;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Read-only figures of the job queue, for metrics and the admin console. */
public final class JobStats {
  public static final List<String> STATES =
      List.of("available", "running", "completed", "discarded", "cancelled");

  private final UnitOfWork work;

  @Inject
  public JobStats(UnitOfWork work) {
    this.work = work;
  }

  /** On a Jdbi of its own, outside any request's or job's unit of work (tests, tools). */
  public JobStats(Jdbi jdbi) {
    this(new UnitOfWork(jdbi));
  }

  /** Every state, zero included. Counts the whole table: meant for a refresh every few seconds. */
  public Map<String, Long> countsByState() {
    Map<String, Long> counts = new LinkedHashMap<>();
    STATES.forEach(state -> counts.put(state, 0L));
    work.withHandle(handle -> handle.attach(JobStatsDao.class).countsByState())
        .forEach(row -> counts.put(row.state(), row.jobs()));
    return counts;
  }

  /** Per queue with live jobs: runnable depth, future (scheduled or retrying), running, lag. */
  public List<QueueStats> queues() {
    return work.withHandle(handle -> handle.attach(JobStatsDao.class).queues());
  }

  /** Per kind, jobs discarded and attempts failed in the last 24 hours. */
  public List<KindFailures> failuresLastDay() {
    return failuresByKind(Duration.ofHours(24));
  }

  public List<KindFailures> failuresByKind(Duration window) {
    return work.withHandle(
        handle -> handle.attach(JobStatsDao.class).failuresByKind(window.toMillis() / 1000.0));
  }

  public record StateCount(String state, long jobs) {}

  /**
   * {@code lagSeconds} is the age of the oldest runnable job (how long it has waited past its
   * run_at), 0 when nothing is runnable.
   */
  public record QueueStats(
      String queue, long runnable, long scheduled, long running, double lagSeconds) {
    public Duration lag() {
      return Duration.ofMillis(Math.round(lagSeconds * 1000));
    }
  }

  public record KindFailures(String kind, long discarded, long failedAttempts) {}
}
