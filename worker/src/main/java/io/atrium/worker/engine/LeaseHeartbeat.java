package io.atrium.worker.engine;

import io.atrium.common.db.UnitOfWork;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extends the leases of every job this worker holds, in one statement. A job that comes back
 * missing was cancelled or rescued (our heartbeat came too late): it is dropped from the in-flight
 * set so that a shutdown does not try to release it, and its handler's outcome will be fenced.
 */
final class LeaseHeartbeat implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

  private final UnitOfWork work;
  private final String workerId;
  private final long leaseMillis;
  private final InFlightJobs inFlight;

  LeaseHeartbeat(UnitOfWork work, String workerId, long leaseMillis, InFlightJobs inFlight) {
    this.work = work;
    this.workerId = workerId;
    this.leaseMillis = leaseMillis;
    this.inFlight = inFlight;
  }

  @Override
  public void run() {
    InFlightJobs.Snapshot held = inFlight.snapshot();
    if (held.isEmpty()) {
      return;
    }
    try {
      long[] extended =
          work.withHandle(
              handle ->
                  handle
                      .attach(JobDao.class)
                      .heartbeat(workerId, held.ids(), held.attempts(), leaseMillis));
      if (extended.length == held.ids().length) {
        return;
      }
      Set<Long> kept = new HashSet<>();
      for (long id : extended) {
        kept.add(id);
      }
      for (long id : held.ids()) {
        // A handler that already returned may just have had its completion committed.
        if (!kept.contains(id) && inFlight.isRunning(id)) {
          inFlight.remove(id);
          log.warn(
              "job {} is no longer held by this worker (cancelled, or its lease expired"
                  + " and was rescued); its outcome will be ignored",
              id);
        }
      }
    } catch (RuntimeException e) {
      // The next beat tries again; the lease covers several missed beats.
      log.warn("lease heartbeat failed for {} job(s): {}", held.ids().length, e.toString());
    }
  }
}
