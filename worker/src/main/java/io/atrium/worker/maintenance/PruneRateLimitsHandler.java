package io.atrium.worker.maintenance;

import io.atrium.common.ratelimit.RateLimiter;
import io.atrium.worker.engine.JobContext;
import io.atrium.worker.engine.JobHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #KIND}: deletes the rate-limit buckets that have expired (full again and unused), in
 * small batches. Without it every client address and email ever limited would keep its row.
 */
public final class PruneRateLimitsHandler implements JobHandler {
  public static final String KIND = "ratelimits.prune";
  static final int BATCH = 1000;
  private static final Logger log = LoggerFactory.getLogger(PruneRateLimitsHandler.class);

  private final RateLimiter rateLimiter;

  @Inject
  public PruneRateLimitsHandler(RateLimiter rateLimiter) {
    this.rateLimiter = rateLimiter;
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
  }
}
