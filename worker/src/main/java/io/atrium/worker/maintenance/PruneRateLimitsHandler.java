package io.atrium.worker.maintenance;

import io.atrium.common.account.LoginThrottle;
import io.atrium.common.ratelimit.RateLimiter;
import io.atrium.worker.engine.JobContext;
import io.atrium.worker.engine.JobHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #KIND}: deletes the rate-limit buckets that have expired (full again and unused), and the
 * failed-login counts that no longer hold anyone back, in small batches. Without it every client
 * address and email ever limited would keep its row.
 */
public final class PruneRateLimitsHandler implements JobHandler {
  public static final String KIND = "ratelimits.prune";
  static final int BATCH = 1000;
  private static final Logger log = LoggerFactory.getLogger(PruneRateLimitsHandler.class);

  private final RateLimiter rateLimiter;
  private final LoginThrottle loginThrottle;

  @Inject
  public PruneRateLimitsHandler(RateLimiter rateLimiter, LoginThrottle loginThrottle) {
    this.rateLimiter = rateLimiter;
    this.loginThrottle = loginThrottle;
  }

  @Override
  public void handle(JobContext job) {
    long deleted = 0;
    int batch;
    do {
      batch = rateLimiter.pruneExpired(BATCH);
      deleted += batch;
    } while (batch == BATCH);
    if (deleted > 0) {
      log.info("pruned {} expired rate-limit bucket(s)", deleted);
    }
    long counts = 0;
    do {
      batch = loginThrottle.pruneStale(BATCH);
      counts += batch;
    } while (batch == BATCH);
    if (counts > 0) {
      log.info("pruned {} stale failed-login count(s)", counts);
    }
  }
}
