package io.atrium.worker.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs this worker holds in the database: from the claim until their outcome is written. The
 * heartbeat extends exactly these leases and a shutdown releases whatever is left here.
 */
final class InFlightJobs {
  private final Map<Long, Held> held = new ConcurrentHashMap<>();

  void add(ClaimedJob job) {
    held.put(job.id(), new Held(job.attempt()));
  }

  /** The handler returned; the completion is queued but not yet committed. */
  void markHandled(long id) {
    Held job = held.get(id);
    if (job != null) {
      job.handled = true;
    }
  }

  void remove(long id) {
    held.remove(id);
  }

  /** Still held and its handler still running: losing it now is news worth a warning. */
  boolean isRunning(long id) {
    Held job = held.get(id);
    return job != null && !job.handled;
  }

  int size() {
    return held.size();
  }

  Snapshot snapshot() {
    List<Map.Entry<Long, Held>> entries = List.copyOf(held.entrySet());
    long[] ids = new long[entries.size()];
    int[] attempts = new int[entries.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = entries.get(i).getKey();
      attempts[i] = entries.get(i).getValue().attempt;
    }
    return new Snapshot(ids, attempts);
  }

  /** Parallel arrays, the shape {@code unnest(:ids, :attempts)} takes. */
  record Snapshot(long[] ids, int[] attempts) {
    boolean isEmpty() {
      return ids.length == 0;
    }
  }

  private static final class Held {
    private final int attempt;
    private volatile boolean handled;

    Held(int attempt) {
      this.attempt = attempt;
    }
  }
}
