package io.atrium.worker.engine;

import io.atrium.common.db.HeldDao;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes completions in batches from one thread: whatever finished while the previous batch was
 * being written goes in the next statement, so a busy worker completes hundreds of jobs per round
 * trip while a quiet one still writes each completion at once. A job stays in flight (its lease
 * kept alive) until its completion is committed.
 */
final class CompletionBatcher {
  private static final Logger log = LoggerFactory.getLogger(CompletionBatcher.class);
  private static final int MAX_BATCH = 1000;
  private static final long KEEP_CONNECTION_MILLIS = 50;
  private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(5);

  private final HeldDao<JobDao> dao;
  private final String workerId;
  private final InFlightJobs inFlight;
  private final BlockingQueue<ClaimedJob> done = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean stopping;

  CompletionBatcher(HeldDao<JobDao> dao, String workerId, InFlightJobs inFlight) {
    this.dao = dao;
    this.workerId = workerId;
    this.inFlight = inFlight;
    this.thread = new Thread(this::run, "job-completer");
  }

  void start() {
    thread.start();
  }

  void add(ClaimedJob job) {
    done.add(job);
  }

  /** Writes what is queued (one last try if the database fails) and stops the thread. */
  void stop(Duration timeout) throws InterruptedException {
    stopping = true;
    thread.join(timeout.toMillis());
  }

  private void run() {
    List<ClaimedJob> batch = new ArrayList<>();
    long retryWaitMillis = 100;
    while (true) {
      try {
        if (batch.isEmpty()) {
          // Jobs that finish one by one (slow handlers, e.g. SMTP) would otherwise find the
          // connection just returned and pay for a new handle and DAO on every completion.
          ClaimedJob first = done.poll(KEEP_CONNECTION_MILLIS, TimeUnit.MILLISECONDS);
          if (first == null) {
            dao.close(); // idle: the connection goes back to the pool while we wait
            first = done.poll(100, TimeUnit.MILLISECONDS);
          }
          if (first == null) {
            if (stopping) {
              return;
            }
            continue;
          }
          batch.add(first);
          done.drainTo(batch, MAX_BATCH - 1);
        }
        write(batch);
        batch.clear();
        retryWaitMillis = 100;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        dao.close();
        return;
      } catch (RuntimeException e) {
        if (stopping) {
          log.warn(
              "could not record {} completed job(s) at shutdown: {}", batch.size(), e.toString());
          return;
        }
        log.warn("could not record {} completed job(s), retrying: {}", batch.size(), e.toString());
        sleepQuietly(retryWaitMillis);
        retryWaitMillis = Math.min(retryWaitMillis * 2, MAX_RETRY_WAIT.toMillis());
      }
    }
  }

  private void write(List<ClaimedJob> batch) {
    long[] ids = new long[batch.size()];
    int[] attempts = new int[batch.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = batch.get(i).id();
      attempts[i] = batch.get(i).attempt();
    }
    long[] completed = dao.call(jobs -> jobs.complete(workerId, ids, attempts));
    if (completed.length < ids.length) {
      log.info(
          "{} of {} finished job(s) were no longer held by this worker (cancelled or their lease"
              + " rescued): their completion was not recorded",
          ids.length - completed.length,
          ids.length);
    }
    for (long id : ids) {
      inFlight.remove(id);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
