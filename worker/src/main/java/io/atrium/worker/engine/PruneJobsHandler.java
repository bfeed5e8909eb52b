package io.atrium.worker.engine;

import io.atrium.common.db.UnitOfWork;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #KIND}: deletes finished jobs once they are of no more use: completed after a day,
 * discarded and cancelled after two weeks (long enough to look into a failure). Deletes in small
 * batches so that no statement holds many row locks or runs for long.
 */
public final class PruneJobsHandler implements JobHandler {
  public static final String KIND = "jobs.prune";
  static final Map<String, Duration> RETENTION =
      Map.of(
          "completed", Duration.ofHours(24),
          "discarded", Duration.ofDays(14),
          "cancelled", Duration.ofDays(14));
  private static final Logger log = LoggerFactory.getLogger(PruneJobsHandler.class);
  private static final int BATCH = 5000;

  private final UnitOfWork work;

  @Inject
  public PruneJobsHandler(UnitOfWork work) {
    this.work = work;
  }

  @Override
  public void handle(JobContext job) {
    work.useHandle(handle -> prune(handle.attach(JobDao.class)));
  }

  private static void prune(JobDao dao) {
    RETENTION.forEach(
        (state, retention) -> {
          long deleted = 0;
          int batch;
          do {
            batch = dao.pruneFinished(state, retention.toMillis(), BATCH);
            deleted += batch;
          } while (batch == BATCH);
          if (deleted > 0) {
            log.info("pruned {} {} job(s) older than {}", deleted, state, retention);
          }
        });
  }
}
