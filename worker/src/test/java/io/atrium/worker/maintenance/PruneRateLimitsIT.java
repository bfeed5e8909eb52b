package io.atrium.worker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.common.account.LoginLimits;
import io.atrium.common.account.LoginThrottle;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.ratelimit.RateLimiter;
import io.atrium.common.ratelimit.RateLimiter.RateLimit;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.engine.JobContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PruneRateLimitsIT {
  private final TestDatabase database = TestDatabase.get();
  private final RateLimiter rateLimiter = new RateLimiter(database.dataSource());
  private final LoginThrottle loginThrottle =
      new LoginThrottle(
          new UnitOfWork(database.jdbi()), LoginLimits.production(), Clock.systemUTC());

  @Test
  void expiredBucketsGoInBatchesAndLiveOnesStay() {
    String prefix = "prune-" + System.nanoTime();
    RateLimit limit = new RateLimit(prefix, 5, Duration.ofMinutes(1));
    rateLimiter.consume(limit, "live");
    rateLimiter.consume(limit, "expired");
    database
        .jdbi()
        .useHandle(
            handle -> {
              handle.execute(
                  "UPDATE rate_limit_buckets SET expires_at = 0 WHERE id = ?", prefix + ":expired");
              // More than two batches of rows expired an hour ago.
              handle.execute(
                  """
                  INSERT INTO rate_limit_buckets (id, state, expires_at)
                  SELECT ? || ':old-' || n, NULL, ? FROM generate_series(1, ?) AS n
                  """,
                  prefix,
                  Instant.now().minus(Duration.ofHours(1)).toEpochMilli(),
                  PruneRateLimitsHandler.BATCH * 2 + 17);
            });

    String email = prefix + "@example.com";
    database
        .jdbi()
        .useHandle(
            handle -> {
              // Failed-login counts: more than two batches two days old, and one of a minute ago.
              handle.execute(
                  """
                  INSERT INTO login_failures (email, address, failures, window_started_at, last_failed_at)
                  SELECT ?, '10.0.' || (n / 250) || '.' || (n % 250), 3, ?, ? FROM generate_series(1, ?) AS n
                  """,
                  email,
                  Instant.now().minus(Duration.ofDays(2)),
                  Instant.now().minus(Duration.ofDays(2)),
                  PruneRateLimitsHandler.BATCH * 2 + 17);
              loginThrottle.recordFailure(email, "192.0.2.1");
            });

    new PruneRateLimitsHandler(rateLimiter, loginThrottle)
        .handle(
            new JobContext(
                1, PruneRateLimitsHandler.KIND, "default", null, 1, 3, null, Instant.now()));

    List<String> left =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT id FROM rate_limit_buckets WHERE id LIKE ? ORDER BY id")
                        .bind(0, prefix + ":%")
                        .mapTo(String.class)
                        .list());
    assertThat(left).containsExactly(prefix + ":live");
    // The live bucket kept its state: four of five tokens left, then three.
    rateLimiter.consume(limit, "live");
    rateLimiter.consume(limit, "live");
    rateLimiter.consume(limit, "live");
    rateLimiter.consume(limit, "live");
    assertThat(rateLimiter.tryConsume(limit, "live")).isFalse();
    List<String> counts =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT address FROM login_failures WHERE email = ? ORDER BY address")
                        .bind(0, email)
                        .mapTo(String.class)
                        .list());
    assertThat(counts).containsExactly("", "192.0.2.1");
  }
}
