package io.atrium.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.atrium.common.jobs.JobOptions;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.json.Json;
import io.atrium.common.logging.LogContext;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.TestWorkers;
import io.atrium.worker.engine.JobRows.JobRow;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JobEngineIT {
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final org.slf4j.Logger handlerLog = LoggerFactory.getLogger("test.handler");

  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private final JobQueue queue = new JobQueue(Json.newMapper());
  private final List<Long> ran = new CopyOnWriteArrayList<>();
  private final Map<Long, String> mdcJobIds = new ConcurrentHashMap<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch blockedStarted = new CountDownLatch(1);
  private JobEngine engine;
  private Injector injector;

  @BeforeEach
  void clean() {
    database.clean();
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (engine != null) {
      engine.stop();
    }
  }

  @Test
  void runnableJobsRunByPriorityThenRunAtAndFutureOnesWait() {
    long low = enqueue("test.record", JobOptions.defaults().priority(50));
    long high = enqueue("test.record", JobOptions.defaults().priority(1));
    long mid = enqueue("test.record", JobOptions.defaults().priority(10));
    long earlierMid =
        enqueue(
            "test.record",
            JobOptions.defaults().priority(10).runAt(Instant.now().minusSeconds(60)));
    long future =
        enqueue(
            "test.record", JobOptions.defaults().priority(0).runAt(Instant.now().plusSeconds(2)));

    start(1);
    JobRows.await("all five jobs", LIMIT, () -> JobRows.count(jdbi, "state = 'completed'") == 5);

    assertThat(ran.stream().filter(id -> id != future)).containsExactly(high, earlierMid, mid, low);
    JobRow waited = JobRows.find(jdbi, future);
    assertThat(waited.attemptedAt()).isAfterOrEqualTo(waited.runAt());
  }

  @Test
  void aCompletedJobRanOnceWithItsIdInTheMdcAndIsTimed() {
    long id = enqueue("test.record", JobOptions.defaults());

    start(2);
    JobRows.await("completion", LIMIT, () -> JobRows.find(jdbi, id).state().equals("completed"));

    assertThat(ran).containsExactly(id);
    assertThat(mdcJobIds).containsEntry(id, Long.toString(id));
    JobRow job = JobRows.find(jdbi, id);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.lockedBy()).isNull();
    assertThat(job.finishedAt()).isNotNull();
    MeterRegistry meters = injector.getInstance(MeterRegistry.class);
    assertThat(meters.get("atrium.jobs.duration").tag("kind", "test.record").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("atrium.jobs.claimed").tag("kind", "test.record").counter().count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("atrium.jobs.latency")
                .tag("kind", "test.record")
                .tag("outcome", "completed")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void theRequestIdThatEnqueuedAJobIsInEveryLogLineOfItsHandlerAndInTheJobsItEnqueues() {
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(lines);
    try {
      MDC.put(LogContext.REQUEST_ID, "req-from-the-api-42");
      long id;
      try {
        id = enqueue("test.log", JobOptions.defaults().maxAttempts(3));
      } finally {
        MDC.remove(LogContext.REQUEST_ID);
      }

      start(2);
      JobRows.await(
          "the child job",
          LIMIT,
          () -> JobRows.count(jdbi, "kind = 'test.child' AND state = 'completed'") == 1);

      List<ILoggingEvent> handlerLines =
          lines.list.stream().filter(e -> e.getThreadName().startsWith("job-handler")).toList();
      // two lines of the handler per attempt and the engine's retry warning in between
      assertThat(handlerLines.stream().filter(e -> e.getFormattedMessage().startsWith("test.log")))
          .hasSize(4);
      assertThat(handlerLines.stream().filter(e -> e.getFormattedMessage().contains("retrying")))
          .hasSize(1);
      for (ILoggingEvent line : handlerLines) {
        String jobId = line.getMDCPropertyMap().get(LogContext.JOB_ID);
        String expected =
            jobId.equals(Long.toString(id)) || isChild(jobId) ? "req-from-the-api-42" : null;
        assertThat(line.getMDCPropertyMap().get(LogContext.REQUEST_ID))
            .as("%s", line.getFormattedMessage())
            .isEqualTo(expected);
      }
      String childRequestId =
          jdbi.withHandle(
              h ->
                  h.createQuery("SELECT request_id FROM jobs WHERE kind = 'test.child'")
                      .mapTo(String.class)
                      .one());
      assertThat(childRequestId).isEqualTo("req-from-the-api-42");
    } finally {
      root.detachAppender(lines);
    }
  }

  private boolean isChild(String jobId) {
    return JobRows.find(jdbi, Long.parseLong(jobId)).kind().equals("test.child");
  }

  @Test
  void aFailingJobIsRetriedWithBackoffThenDiscardedKeepingItsErrors() throws Exception {
    long id = enqueue("test.fail", JobOptions.defaults().maxAttempts(3));

    start(2);
    JobRows.await("discard", LIMIT, () -> JobRows.find(jdbi, id).state().equals("discarded"));

    JobRow job = JobRows.find(jdbi, id);
    assertThat(failures).hasValue(3);
    assertThat(job.attempt()).isEqualTo(3);
    assertThat(job.finishedAt()).isNotNull();
    JsonNode errors = Json.newMapper().readTree(job.errors());
    assertThat(errors).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(errors.get(i).get("attempt").asInt()).isEqualTo(i + 1);
      assertThat(errors.get(i).get("at").asText()).isNotBlank();
      assertThat(errors.get(i).get("error").asText())
          .isEqualTo("java.lang.IllegalStateException: smtp down on attempt " + (i + 1));
    }
    MeterRegistry meters = injector.getInstance(MeterRegistry.class);
    assertThat(meters.get("atrium.jobs.failures").tag("outcome", "retry").counter().count())
        .isEqualTo(2);
    assertThat(meters.get("atrium.jobs.failures").tag("outcome", "discarded").counter().count())
        .isEqualTo(1);
    assertThat(meters.get("atrium.jobs.claimed").tag("kind", "test.fail").counter().count())
        .isEqualTo(3);
    assertThat(meters.get("atrium.jobs.latency").tag("outcome", "retry").timer().count())
        .isEqualTo(2);
    assertThat(meters.get("atrium.jobs.latency").tag("outcome", "discarded").timer().count())
        .isEqualTo(1);
  }

  @Test
  void aPermanentFailureIsDiscardedAtOnce() throws Exception {
    long id = enqueue("test.permanent", JobOptions.defaults());

    start(2);
    JobRows.await("discard", LIMIT, () -> JobRows.find(jdbi, id).state().equals("discarded"));

    JobRow job = JobRows.find(jdbi, id);
    assertThat(job.attempt()).isEqualTo(1);
    JsonNode errors = Json.newMapper().readTree(job.errors());
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("error").asText()).isEqualTo("mailbox does not exist");
  }

  @Test
  void aJobOfAnUnknownKindIsDiscarded() throws Exception {
    long id = enqueue("test.nobody_handles_this", JobOptions.defaults());

    start(2);
    JobRows.await("discard", LIMIT, () -> JobRows.find(jdbi, id).state().equals("discarded"));

    JsonNode errors = Json.newMapper().readTree(JobRows.find(jdbi, id).errors());
    assertThat(errors.get(0).get("error").asText())
        .contains("no handler for job kind 'test.nobody_handles_this'");
  }

  @Test
  void aRunningJobCancelledMeanwhileStaysCancelled() throws Exception {
    long id = enqueue("test.block", JobOptions.defaults());
    start(2);
    assertThat(blockedStarted.await(30, TimeUnit.SECONDS)).isTrue();

    boolean cancelled = jdbi.inTransaction(h -> queue.cancel(h, id));
    release.countDown();
    JobRows.await("handler to return", LIMIT, () -> ran.contains(id));
    long done = enqueue("test.record", JobOptions.defaults());
    JobRows.await("a later job", LIMIT, () -> JobRows.find(jdbi, done).state().equals("completed"));

    assertThat(cancelled).isTrue();
    assertThat(JobRows.find(jdbi, id).state()).isEqualTo("cancelled");
  }

  @Test
  void aGracefulStopFinishesShortJobsAndReleasesLongOnesWithoutSpendingAnAttempt()
      throws Exception {
    long longJob = enqueue("test.block", JobOptions.defaults().priority(1));
    long shortJob = enqueue("test.slow", JobOptions.defaults().priority(2));
    long notStarted = enqueue("test.record", JobOptions.defaults().priority(3));
    engine =
        TestWorkers.injector(
                database,
                TestWorkers.fastSettings("graceful", 2).withShutdownGrace(Duration.ofSeconds(1)),
                handlers())
            .getInstance(JobEngine.class);
    engine.start();
    assertThat(blockedStarted.await(30, TimeUnit.SECONDS)).isTrue();
    JobRows.await("both running", LIMIT, () -> JobRows.count(jdbi, "state = 'running'") == 2);

    engine.stop();

    assertThat(JobRows.find(jdbi, shortJob).state()).isEqualTo("completed");
    JobRow released = JobRows.find(jdbi, longJob);
    assertThat(released.state()).isEqualTo("available");
    assertThat(released.attempt()).isZero();
    assertThat(released.lockedBy()).isNull();
    JobRow waiting = JobRows.find(jdbi, notStarted);
    assertThat(waiting.state()).isEqualTo("available");
    assertThat(waiting.attempt()).isZero();
  }

  private void start(int concurrency) {
    injector =
        TestWorkers.injector(
            database, TestWorkers.fastSettings("engine-it", concurrency), handlers());
    engine = injector.getInstance(JobEngine.class);
    engine.start();
  }

  private Module handlers() {
    return binder -> {
      var handlers = JobHandlers.binder(binder);
      handlers
          .addBinding("test.record")
          .toInstance(
              job -> {
                mdcJobIds.put(job.id(), MDC.get("job_id"));
                ran.add(job.id());
              });
      handlers
          .addBinding("test.fail")
          .toInstance(
              job -> {
                failures.incrementAndGet();
                throw new IllegalStateException("smtp down on attempt " + job.attempt());
              });
      handlers
          .addBinding("test.permanent")
          .toInstance(
              job -> {
                throw new PermanentJobFailure("mailbox does not exist");
              });
      handlers
          .addBinding("test.block")
          .toInstance(
              job -> {
                blockedStarted.countDown();
                release.await(30, TimeUnit.SECONDS);
                ran.add(job.id());
              });
      handlers.addBinding("test.slow").toInstance(job -> Thread.sleep(300));
      handlers
          .addBinding("test.log")
          .toInstance(
              job -> {
                handlerLog.info("test.log: attempt {}", job.attempt());
                if (job.attempt() == 1) {
                  handlerLog.info("test.log: failing the first attempt");
                  throw new IllegalStateException("first attempt");
                }
                jdbi.useTransaction(h -> queue.enqueue(h, "test.child", Map.of()));
                handlerLog.info("test.log: done, request {}", job.requestId());
              });
      handlers.addBinding("test.child").toInstance(job -> handlerLog.info("child"));
    };
  }

  private long enqueue(String kind, JobOptions options) {
    return jdbi.inTransaction(h -> queue.enqueue(h, kind, Map.of(), options));
  }
}
