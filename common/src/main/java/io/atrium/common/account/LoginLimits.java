package io.atrium.common.account;

import java.time.Duration;

/**
 * How failed logins slow down further attempts. Per (account, address): {@code freeFailures}
 * failures cost nothing, each one after waits {@code firstDelay}, doubling up to {@code maxDelay};
 * the count starts over {@code pairMemory} after it began. Per account, from every address
 * together: {@code accountCeiling} failures within {@code accountWindow} hold the account until the
 * window ends. A successful login clears the counts of its address and the account's; a successful
 * password reset clears all of them.
 */
public record LoginLimits(
    int freeFailures,
    Duration firstDelay,
    Duration maxDelay,
    Duration pairMemory,
    int accountCeiling,
    Duration accountWindow) {

  public static LoginLimits production() {
    return new LoginLimits(
        5,
        Duration.ofSeconds(15),
        Duration.ofMinutes(15),
        Duration.ofHours(24),
        100,
        Duration.ofHours(1));
  }

  /** The wait after the {@code failures}th failure of one address, zero while still free. */
  public Duration delayAfter(int failures) {
    if (failures < freeFailures) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - freeFailures, 30);
    Duration delay = firstDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
