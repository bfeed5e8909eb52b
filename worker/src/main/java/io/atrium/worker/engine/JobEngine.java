package io.atrium.worker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.config.DatabaseConfig;
import io.atrium.common.db.HeldDao;
import io.atrium.common.db.UnitOfWork;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job engine of one worker process: one thread claims jobs in batches sized to the free handler
 * slots, a fixed pool of {@code concurrency} threads runs them, a heartbeat keeps their leases, and
 * completions are written in batches. {@link #stop()} is the graceful shutdown.
 */
@Singleton
public final class JobEngine {
  private static final Logger log = LoggerFactory.getLogger(JobEngine.class);

  private final EngineSettings settings;
  private final UnitOfWork work;
  private final Map<String, JobHandler> handlers;
  private final JobMetrics metrics;
  private final InFlightJobs inFlight = new InFlightJobs();
  private final Wakeup wakeup = new Wakeup();
  private final CompletionBatcher completions;
  private final JobNotificationListener listener;
  private final ExecutorService handlerPool;
  private final ScheduledExecutorService housekeeping;
  private final ClaimLoop claimLoop;
  private final Thread claimThread;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean running;

  @Inject
  public JobEngine(
      EngineSettings settings,
      UnitOfWork work,
      Jdbi jdbi,
      Map<String, JobHandler> handlers,
      ObjectMapper mapper,
      DatabaseConfig database,
      JobMetrics metrics) {
    this.settings = settings;
    this.work = work;
    this.handlers = Map.copyOf(handlers);
    this.metrics = metrics;
    this.completions =
        new CompletionBatcher(new HeldDao<>(jdbi, JobDao.class), settings.workerId(), inFlight);
    JobRunner runner =
        new JobRunner(this.handlers, mapper, work, settings, inFlight, completions, metrics);
    this.listener = new JobNotificationListener(database, wakeup);
    this.handlerPool = Executors.newFixedThreadPool(settings.concurrency(), threads("job-handler"));
    this.housekeeping = Executors.newScheduledThreadPool(2, threads("job-housekeeping"));
    QueueClaimer claimer =
        new QueueClaimer(
            new HeldDao<>(jdbi, JobDao.class), settings.workerId(), settings.lease().toMillis());
    this.claimLoop = new ClaimLoop(settings, claimer, wakeup, inFlight, handlerPool, runner);
    this.claimThread = new Thread(claimLoop, "job-claimer");
  }

  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("the job engine was already started");
    }
    running = true;
    metrics.registerInFlight(inFlight);
    completions.start();
    listener.start();
    long heartbeat = settings.heartbeatInterval().toMillis();
    housekeeping.scheduleWithFixedDelay(
        new LeaseHeartbeat(work, settings.workerId(), settings.lease().toMillis(), inFlight),
        heartbeat,
        heartbeat,
        TimeUnit.MILLISECONDS);
    housekeeping.scheduleWithFixedDelay(
        this::refreshMetrics, 0, settings.statsInterval().toMillis(), TimeUnit.MILLISECONDS);
    claimThread.start();
    log.info(
        "job engine started: worker {}, concurrency {}, serving every queue with available"
            + " jobs (now: {}), {} handler kinds {}",
        settings.workerId(),
        settings.concurrency(),
        queuesNow(),
        handlers.size(),
        new TreeSet<>(handlers.keySet()));
  }

  /**
   * Stops claiming at once, lets running jobs finish within the shutdown grace, writes their
   * completions, then releases whatever is still running without spending its attempt.
   */
  public void stop() {
    if (!started.get() || !running) {
      return;
    }
    running = false;
    long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
    claimLoop.stop();
    try {
      claimThread.join(5_000);
      listener.stop();
      handlerPool.shutdown();
      boolean finished =
          handlerPool.awaitTermination(
              Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      completions.stop(Duration.ofSeconds(3));
      int released = releaseRemaining();
      log.info(
          "job engine stopped: {}{}",
          finished
              ? "all running jobs finished"
              : "grace of " + settings.shutdownGrace() + " elapsed",
          released > 0
              ? ", " + released + " unfinished job(s) released without spending an attempt"
              : "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      releaseRemaining();
    } finally {
      handlerPool.shutdownNow();
      housekeeping.shutdownNow();
    }
  }

  public String workerId() {
    return settings.workerId();
  }

  private int releaseRemaining() {
    InFlightJobs.Snapshot held = inFlight.snapshot();
    if (held.isEmpty()) {
      return 0;
    }
    try {
      return work.withHandle(
          handle -> {
            JobDao dao = handle.attach(JobDao.class);
            long[] released = dao.release(settings.workerId(), held.ids(), held.attempts());
            dao.notifyAvailable();
            return released.length;
          });
    } catch (RuntimeException e) {
      log.error(
          "could not release {} job(s); they return when their leases expire",
          held.ids().length,
          e);
      return 0;
    }
  }

  private void refreshMetrics() {
    try {
      metrics.refresh();
    } catch (RuntimeException e) {
      log.warn("refreshing job metrics failed: {}", e.toString());
    }
  }

  private String queuesNow() {
    try {
      List<String> queues =
          work.withHandle(handle -> handle.attach(JobDao.class).queuesWithAvailableJobs());
      return queues.isEmpty() ? "none yet" : String.join(", ", queues);
    } catch (RuntimeException e) {
      return "unknown: " + e.getMessage();
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> new Thread(runnable, prefix + "-" + count.incrementAndGet());
  }
}
