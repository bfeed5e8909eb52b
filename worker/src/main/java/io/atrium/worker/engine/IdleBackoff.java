package io.atrium.worker.engine;

import java.time.Duration;

/**
 * The wait between polls that found nothing: {@code min}, doubling up to {@code max}, back to
 * {@code min} as soon as a job is found. An idle worker then costs about one query a second, and a
 * busy one never waits.
 */
final class IdleBackoff {
  private final Duration min;
  private final Duration max;
  private Duration next;

  IdleBackoff(Duration min, Duration max) {
    this.min = min;
    this.max = max;
    this.next = min;
  }

  Duration next() {
    Duration current = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return current;
  }

  void reset() {
    next = min;
  }
}
