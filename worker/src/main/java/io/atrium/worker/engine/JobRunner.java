package io.atrium.worker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.logging.LogContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one claimed job on a handler thread, outside any transaction, and records its outcome:
 * completion through the batcher, failure (retry or discard) at once. Handlers are shared by all
 * handler threads, so they must be thread-safe.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final Map<String, JobHandler> handlers;
  private final ObjectMapper mapper;
  private final UnitOfWork work;
  private final EngineSettings settings;
  private final InFlightJobs inFlight;
  private final CompletionBatcher completions;
  private final JobMetrics metrics;

  JobRunner(
      Map<String, JobHandler> handlers,
      ObjectMapper mapper,
      UnitOfWork work,
      EngineSettings settings,
      InFlightJobs inFlight,
      CompletionBatcher completions,
      JobMetrics metrics) {
    this.handlers = handlers;
    this.mapper = mapper;
    this.work = work;
    this.settings = settings;
    this.inFlight = inFlight;
    this.completions = completions;
    this.metrics = metrics;
  }

  void claimed(ClaimedJob job) {
    metrics.recordClaimed(job.kind());
  }

  /** {@code claimedAt}: {@link System#nanoTime()} when the job was claimed. */
  void run(ClaimedJob job, long claimedAt) {
    // Every line the handler logs names its job and the request that enqueued it; jobs the
    // handler enqueues store the same request id (JobQueue reads it here).
    MDC.put(LogContext.JOB_ID, Long.toString(job.id()));
    if (LogContext.validRequestId(job.requestId())) {
      MDC.put(LogContext.REQUEST_ID, job.requestId());
    }
    long started = System.nanoTime();
    try {
      JobHandler handler = handlers.get(job.kind());
      if (handler == null) {
        throw new PermanentJobFailure("no handler for job kind '" + job.kind() + "'");
      }
      handler.handle(context(job));
      inFlight.markHandled(job.id());
      long now = System.nanoTime();
      metrics.recordDuration(job.kind(), "completed", now - started);
      metrics.recordLatency(job.kind(), "completed", now - claimedAt);
      completions.add(job);
    } catch (PermanentJobFailure e) {
      fail(job, e, true, started, claimedAt);
    } catch (VirtualMachineError e) {
      // No write now; without heartbeats the lease expires and the job is rescued.
      inFlight.remove(job.id());
      throw e;
    } catch (Throwable e) { // an AssertionError or LinkageError in a handler is a failed attempt
      fail(job, e, false, started, claimedAt);
    } finally {
      MDC.remove(LogContext.JOB_ID);
      MDC.remove(LogContext.REQUEST_ID);
    }
  }

  private JobContext context(ClaimedJob job) {
    JsonNode args;
    try {
      args = mapper.readTree(job.args());
    } catch (JsonProcessingException e) {
      throw new PermanentJobFailure("unreadable args", e);
    }
    return new JobContext(
        job.id(),
        job.kind(),
        job.queue(),
        args,
        job.attempt(),
        job.maxAttempts(),
        job.idempotencyKey(),
        job.createdAt(),
        LogContext.validRequestId(job.requestId()) ? job.requestId() : null);
  }

  private void fail(
      ClaimedJob job, Throwable error, boolean permanent, long started, long claimedAt) {
    long now = System.nanoTime();
    long elapsed = now - started;
    Duration delay = settings.backoff().delayAfter(job.attempt(), ThreadLocalRandom.current());
    try {
      List<String> state =
          work.withHandle(
              handle ->
                  handle
                      .attach(JobDao.class)
                      .fail(
                          settings.workerId(),
                          job.id(),
                          job.attempt(),
                          permanent,
                          Failures.describe(error),
                          delay.toMillis()));
      if (state.isEmpty()) {
        log.info(
            "job {} ({}) failed but is no longer held by this worker: {}",
            job.id(),
            job.kind(),
            error.toString());
      } else if (state.get(0).equals("discarded")) {
        metrics.recordDuration(job.kind(), "discarded", elapsed);
        metrics.recordLatency(job.kind(), "discarded", now - claimedAt);
        metrics.recordFailure(job.kind(), "discarded");
        log.error(
            "job {} ({}) discarded after attempt {} of {}{}",
            job.id(),
            job.kind(),
            job.attempt(),
            job.maxAttempts(),
            permanent ? " (permanent failure)" : "",
            error);
      } else {
        metrics.recordDuration(job.kind(), "failed", elapsed);
        metrics.recordLatency(job.kind(), "retry", now - claimedAt);
        metrics.recordFailure(job.kind(), "retry");
        log.warn(
            "job {} ({}) failed attempt {} of {}, retrying in {}",
            job.id(),
            job.kind(),
            job.attempt(),
            job.maxAttempts(),
            delay,
            error);
      }
    } catch (RuntimeException e) {
      log.error(
          "could not record the failure of job {} ({}); it will be rescued when its lease"
              + " expires",
          job.id(),
          job.kind(),
          e);
    } finally {
      inFlight.remove(job.id());
    }
  }
}
