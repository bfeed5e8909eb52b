package io.atrium.worker.engine;

import io.atrium.common.db.UnitOfWork;
import jakarta.inject.Inject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #KIND}: puts back the jobs of workers that died or hung (their lease expired without a
 * heartbeat). Enqueued by a schedule every {@link EngineSettings#rescueInterval()}.
 */
public final class RescueExpiredLeasesHandler implements JobHandler {
  public static final String KIND = "jobs.rescue_expired_leases";
  private static final Logger log = LoggerFactory.getLogger(RescueExpiredLeasesHandler.class);
  private static final int BATCH = 1000;

  private final UnitOfWork work;

  @Inject
  public RescueExpiredLeasesHandler(UnitOfWork work) {
    this.work = work;
  }

  @Override
  public void handle(JobContext job) {
    work.useHandle(handle -> rescue(handle.attach(JobDao.class)));
  }

  private static void rescue(JobDao dao) {
    int available = 0;
    int discarded = 0;
    List<String> states;
    do {
      states = dao.rescueExpiredLeases(BATCH);
      for (String state : states) {
        if (state.equals("discarded")) {
          discarded++;
        } else {
          available++;
        }
      }
    } while (states.size() == BATCH);
    if (available > 0) {
      dao.notifyAvailable();
    }
    if (available + discarded > 0) {
      log.warn(
          "rescued {} job(s) with expired leases: {} available again, {} discarded (out of"
              + " attempts)",
          available + discarded,
          available,
          discarded);
    }
  }
}
