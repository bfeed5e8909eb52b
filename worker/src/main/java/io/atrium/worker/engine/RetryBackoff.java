package io.atrium.worker.engine;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delay before the next attempt of a failed job: {@code base * 2^(attempt-1)}, capped, then
 * jittered down by up to {@code jitter} of itself so that jobs failing together (a provider outage)
 * do not all come back at the same instant. The delay is added to the database's {@code now()},
 * never to the worker's clock.
 */
public record RetryBackoff(Duration base, Duration cap, double jitter) {
  /** 15 s, 30 s, 1 min, ... up to 1 h: 20 attempts span roughly half a day. */
  public static final RetryBackoff DEFAULT =
      new RetryBackoff(Duration.ofSeconds(15), Duration.ofHours(1), 0.5);

  public RetryBackoff {
    if (base.isNegative() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= base <= cap");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter is a fraction between 0 and 1");
    }
  }

  /** The delay after failed attempt number {@code attempt} (1 for the first attempt). */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    long ceiling = ceilingMillis(attempt);
    long jitterMillis = (long) (ceiling * jitter * random.nextDouble());
    return Duration.ofMillis(ceiling - jitterMillis);
  }

  long ceilingMillis(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 62));
    long baseMillis = base.toMillis();
    long capMillis = cap.toMillis();
    if (baseMillis == 0) {
      return 0;
    }
    // Stop doubling once past the cap, before the shift can overflow.
    if (doublings >= Long.numberOfLeadingZeros(baseMillis) - 1) {
      return capMillis;
    }
    return Math.min(capMillis, baseMillis << doublings);
  }
}
