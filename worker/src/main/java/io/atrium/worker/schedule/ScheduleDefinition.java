package io.atrium.worker.schedule;

import io.atrium.common.jobs.JobOptions;
import java.text.ParseException;
import java.time.Duration;
import org.quartz.CronExpression;

/**
 * A recurring job: at each slot of {@code cron} (Quartz syntax, UTC) or every {@code interval}, one
 * engine job of {@code jobKind} is enqueued in {@code queue}, once across all workers. Register one
 * with {@link Schedules#register}.
 */
public record ScheduleDefinition(
    String name, String cron, Duration interval, String jobKind, String queue) {

  public ScheduleDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a schedule needs a name");
    }
    if (jobKind == null || jobKind.isBlank()) {
      throw new IllegalArgumentException("schedule " + name + " needs a job kind");
    }
    if (queue == null || queue.isBlank()) {
      throw new IllegalArgumentException("schedule " + name + " needs a queue");
    }
    if ((cron == null) == (interval == null)) {
      throw new IllegalArgumentException("schedule " + name + " needs a cron or an interval");
    }
    if (cron != null) {
      try {
        new CronExpression(cron);
      } catch (ParseException e) {
        throw new IllegalArgumentException(
            "schedule " + name + ": invalid cron '" + cron + "': " + e.getMessage(), e);
      }
    }
    // The slot is part of the idempotency key in whole seconds.
    if (interval != null && interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("schedule " + name + ": interval under one second");
    }
  }

  public static ScheduleDefinition every(String name, Duration interval, String jobKind) {
    return new ScheduleDefinition(name, null, interval, jobKind, JobOptions.DEFAULT_QUEUE);
  }

  /** {@code expression} in Quartz cron syntax (with seconds), evaluated in UTC. */
  public static ScheduleDefinition cron(String name, String expression, String jobKind) {
    return new ScheduleDefinition(name, expression, null, jobKind, JobOptions.DEFAULT_QUEUE);
  }

  public ScheduleDefinition inQueue(String value) {
    return new ScheduleDefinition(name, cron, interval, jobKind, value);
  }

  public String describe() {
    return name
        + " ("
        + (cron != null ? "cron " + cron : "every " + interval)
        + " -> "
        + jobKind
        + ")";
  }
}
