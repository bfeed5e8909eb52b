package io.atrium.worker.schedule;

import java.time.Duration;

/**
 * The Quartz cluster: every worker process is a node of the scheduler {@code schedulerName}. {@code
 * clusterCheckinInterval} bounds how long the triggers a dead node had acquired wait before another
 * node recovers them.
 */
public record QuartzSettings(
    String schedulerName, Duration clusterCheckinInterval, int threadCount) {

  public static QuartzSettings defaults() {
    return new QuartzSettings("atrium", Duration.ofMillis(7500), 2);
  }

  public QuartzSettings withClusterCheckinInterval(Duration value) {
    return new QuartzSettings(schedulerName, value, threadCount);
  }
}
