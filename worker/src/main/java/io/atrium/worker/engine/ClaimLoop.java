package io.atrium.worker.engine;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one claiming thread: waits for free handler slots, claims as many jobs as there are
 * free slots, hands them to the handler pool, and sleeps with a growing backoff (cut short by a
 * NOTIFY) while nothing is runnable.
 */
final class ClaimLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ClaimLoop.class);
  private static final long CLAIM_LINGER_MICROS = 2_000;

  private final EngineSettings settings;
  private final QueueClaimer claimer;
  private final Semaphore freeSlots;
  private final Wakeup wakeup;
  private final InFlightJobs inFlight;
  private final ExecutorService handlerPool;
  private final JobRunner runner;
  private volatile boolean running = true;

  ClaimLoop(
      EngineSettings settings,
      QueueClaimer claimer,
      Wakeup wakeup,
      InFlightJobs inFlight,
      ExecutorService handlerPool,
      JobRunner runner) {
    this.settings = settings;
    this.claimer = claimer;
    this.freeSlots = new Semaphore(settings.concurrency());
    this.wakeup = wakeup;
    this.inFlight = inFlight;
    this.handlerPool = handlerPool;
    this.runner = runner;
  }

  /** Claims nothing more from now on; a job being dispatched still runs. */
  void stop() {
    running = false;
    wakeup.signal();
  }

  @Override
  public void run() {
    IdleBackoff idle = new IdleBackoff(settings.minPoll(), settings.maxPoll());
    boolean backlog = false;
    try {
      while (running) {
        if (!freeSlots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          continue;
        }
        int free = 1 + freeSlots.drainPermits();
        if (backlog) {
          free += awaitMoreSlots(free);
        }
        List<ClaimedJob> claimed = claimOrNothing(free);
        freeSlots.release(free - claimed.size());
        claimed.forEach(this::dispatch);
        // A full batch means more is waiting: claim the next one in bulk too.
        backlog = claimed.size() == free;
        if (!claimed.isEmpty()) {
          idle.reset();
        } else if (running && wakeup.await(idle.next())) {
          idle.reset();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      claimer.close();
    }
  }

  /**
   * With a backlog, waits up to {@value #CLAIM_LINGER_MICROS} µs for half the slots to be free: one
   * statement for many jobs instead of one per freed slot. Jobs are queued anyway, so the wait
   * costs them nothing.
   */
  private int awaitMoreSlots(int free) throws InterruptedException {
    int target = Math.max(1, settings.concurrency() / 2);
    int more = 0;
    long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(CLAIM_LINGER_MICROS);
    while (free + more < target) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !freeSlots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
        break;
      }
      more += 1 + freeSlots.drainPermits();
    }
    return more;
  }

  private List<ClaimedJob> claimOrNothing(int limit) {
    try {
      return claimer.claim(limit);
    } catch (RuntimeException e) {
      // The idle backoff spaces out the retries while the database is away.
      log.warn("claiming jobs failed: {}", e.toString());
      return List.of();
    }
  }

  private void dispatch(ClaimedJob job) {
    long claimedAt = System.nanoTime();
    inFlight.add(job);
    runner.claimed(job);
    try {
      handlerPool.execute(
          () -> {
            try {
              runner.run(job, claimedAt);
            } finally {
              // A handler that left its thread interrupted must not fail the next job.
              Thread.interrupted();
              freeSlots.release();
            }
          });
    } catch (RejectedExecutionException e) {
      // Only when a stop outwaited a hung claim: the job stays in flight and is released.
      freeSlots.release();
    }
  }
}
