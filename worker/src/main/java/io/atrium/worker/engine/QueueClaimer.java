package io.atrium.worker.engine;

import io.atrium.common.db.HeldDao;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims up to the number of free handler slots, one short statement per queue. Every queue that
 * has available jobs is served; each round starts at the next queue, so a flooded queue cannot
 * starve the others. The list of queues is re-read from the database at most once a second.
 */
final class QueueClaimer {
  private static final long QUEUES_TTL_NANOS = 1_000_000_000L;

  private final HeldDao<JobDao> dao;
  private final String workerId;
  private final long leaseMillis;
  private List<String> queues = List.of();
  private long queuesReadAt;
  private boolean queuesRead;
  private int rotation;

  QueueClaimer(HeldDao<JobDao> dao, String workerId, long leaseMillis) {
    this.dao = dao;
    this.workerId = workerId;
    this.leaseMillis = leaseMillis;
  }

  List<ClaimedJob> claim(int limit) {
    List<String> current = queues();
    List<ClaimedJob> claimed = new ArrayList<>();
    int start = rotation++;
    for (int i = 0; i < current.size() && claimed.size() < limit; i++) {
      String queue = current.get(Math.floorMod(start + i, current.size()));
      int wanted = limit - claimed.size();
      try {
        claimed.addAll(dao.call(jobs -> jobs.claim(workerId, queue, wanted, leaseMillis)));
      } catch (RuntimeException e) {
        if (claimed.isEmpty()) {
          throw e;
        }
        // Jobs claimed from the queues before are ours: run them rather than let them wait
        // for their lease to expire.
        return claimed;
      }
    }
    if (claimed.isEmpty()) {
      // Nothing anywhere we looked: look for new queues on the next poll, and let the
      // connection go back to the pool while we wait.
      queuesRead = false;
      dao.close();
    }
    return claimed;
  }

  /** Gives the held connection back; the claim loop calls it on its way out. */
  void close() {
    dao.close();
  }

  private List<String> queues() {
    long now = System.nanoTime();
    if (!queuesRead || now - queuesReadAt > QUEUES_TTL_NANOS) {
      queues = dao.call(JobDao::queuesWithAvailableJobs);
      queuesReadAt = now;
      queuesRead = true;
    }
    return queues;
  }
}
