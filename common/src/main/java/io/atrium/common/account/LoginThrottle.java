package io.atrium.common.account;

import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.RateLimitedException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The brake on password guessing, per (email, address) with a progressive delay and per email with
 * a higher ceiling (see {@link LoginLimits}). Failures from other addresses never delay an address
 * below the ceiling, so failing on purpose from elsewhere cannot keep an owner out; and the owner's
 * own password reset clears everything. Emails without an account are counted alike, so the answers
 * tell nothing about which emails have one.
 */
public final class LoginThrottle {
  private final UnitOfWork work;
  private final LoginLimits limits;
  private final Clock clock;

  @Inject
  public LoginThrottle(UnitOfWork work, LoginLimits limits, Clock clock) {
    this.work = work;
    this.limits = limits;
    this.clock = clock;
  }

  /** Throws 429 (with the wait) while this address, or the account, must wait. */
  public void requireAllowed(String email, String address) {
    Instant now = clock.instant();
    Instant allowedAt = now;
    for (LoginFailureDao.Failures row :
        work.withHandle(h -> h.attach(LoginFailureDao.class).find(email, address))) {
      Instant until;
      if (LoginFailureDao.ACCOUNT_WIDE.equals(row.address())) {
        Instant windowEnd = row.windowStartedAt().plus(limits.accountWindow());
        until = row.failures() >= limits.accountCeiling() ? windowEnd : now;
      } else if (row.windowStartedAt().plus(limits.pairMemory()).isBefore(now)) {
        until = now;
      } else {
        until = row.lastFailedAt().plus(limits.delayAfter(row.failures()));
      }
      if (until.isAfter(allowedAt)) {
        allowedAt = until;
      }
    }
    if (allowedAt.isAfter(now)) {
      throw new RateLimitedException(roundUp(Duration.between(now, allowedAt)));
    }
  }

  public void recordFailure(String email, String address) {
    Instant now = clock.instant();
    work.useTransaction(
        h -> {
          LoginFailureDao failures = h.attach(LoginFailureDao.class);
          failures.count(email, address, now, now.minus(limits.pairMemory()));
          failures.count(
              email, LoginFailureDao.ACCOUNT_WIDE, now, now.minus(limits.accountWindow()));
        });
  }

  /** After a successful login or password change from {@code address}. */
  public void clear(String email, String address) {
    work.useHandle(h -> h.attach(LoginFailureDao.class).clear(email, address));
  }

  /** After a successful password reset: the mailbox's owner is back in from everywhere. */
  public void clearAll(String email) {
    work.useHandle(h -> h.attach(LoginFailureDao.class).clearAll(email));
  }

  /** Deletes up to {@code batchSize} counts that no longer hold anything back; how many. */
  public int pruneStale(int batchSize) {
    Duration memory =
        limits.pairMemory().compareTo(limits.accountWindow()) > 0
            ? limits.pairMemory()
            : limits.accountWindow();
    Instant before = clock.instant().minus(memory);
    return work.withHandle(h -> h.attach(LoginFailureDao.class).pruneBefore(before, batchSize));
  }

  private static Duration roundUp(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Duration.ofSeconds(Math.max(1, seconds));
  }
}
