package io.atrium.common.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.atrium.common.error.UnavailableException;
import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * argon2id at OWASP's parameters (19 MiB, 2 iterations, 1 lane), set explicitly because library
 * defaults are lower. At most {@link #permits()} hashes run at once, so a login flood cannot
 * exhaust memory or take every core from the other requests; and at most {@value
 * #WAITING_PER_PERMIT} requests per permit wait for one, the rest answered 503 at once, so a flood
 * cannot hold every request thread of the web process either.
 */
@Singleton
public final class PasswordHasher {
  static final Argon2Function ARGON2 =
      Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID, 0x13);
  private static final int SALT_BYTES = 16;
  static final int WAITING_PER_PERMIT = 16;

  private final Semaphore permits;
  private final int permitCount;

  /** Running plus waiting: a request that finds none left is turned away without waiting. */
  private final Semaphore admissions;

  /** Unknown emails are checked against this, so they cost the same time as known ones. */
  private final String decoy;

  public PasswordHasher() {
    this(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
  }

  PasswordHasher(int concurrency) {
    this(concurrency, concurrency * WAITING_PER_PERMIT);
  }

  PasswordHasher(int concurrency, int waiting) {
    this.permitCount = concurrency;
    this.permits = new Semaphore(concurrency, true);
    this.admissions = new Semaphore(concurrency + waiting);
    this.decoy = hashNow("decoy password that nobody has " + System.nanoTime());
  }

  public int permits() {
    return permitCount;
  }

  public String hash(String password) {
    return bounded(() -> hashNow(password));
  }

  public Check verify(String password, String hash) {
    return bounded(
        () -> {
          boolean matches =
              Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
          return new Check(
              matches, matches && !Argon2Function.getInstanceFromHash(hash).equals(ARGON2));
        });
  }

  /** Spends the time of one verification, for an account that does not exist. */
  public void verifyDecoy(String password) {
    verify(password, decoy);
  }

  private static String hashNow(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2).getResult();
  }

  private <T> T bounded(java.util.function.Supplier<T> work) {
    if (!admissions.tryAcquire()) {
      throw new Busy();
    }
    try {
      try {
        if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
          throw new Busy();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Busy();
      }
      try {
        return work.get();
      } finally {
        permits.release();
      }
    } finally {
      admissions.release();
    }
  }

  /** The outcome of a verification; {@code needsRehash} when the hash uses older parameters. */
  public record Check(boolean matches, boolean needsRehash) {}

  /** Every hashing slot stayed busy too long: answered 503 so the client retries later. */
  public static final class Busy extends UnavailableException {
    Busy() {
      super("The service is busy; retry shortly.");
    }
  }
}
