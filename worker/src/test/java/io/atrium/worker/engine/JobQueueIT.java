package io.atrium.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.common.jobs.JobOptions;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.jobs.NewJob;
import io.atrium.common.json.Json;
import io.atrium.common.logging.LogContext;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.engine.JobRows.JobRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JobQueueIT {
  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private final JobQueue queue = new JobQueue(Json.newMapper());

  record Welcome(String userEmail, int step) {}

  @BeforeEach
  void clean() {
    database.clean();
  }

  @Test
  void aJobKeepsTheRequestIdOfItsThreadAndAScheduledOneHasNone() {
    MDC.put(LogContext.REQUEST_ID, "req-enqueue-0001");
    List<Long> fromRequest;
    try {
      fromRequest =
          jdbi.inTransaction(
              h ->
                  List.of(
                      queue.enqueue(h, "mail.send", Map.of()),
                      queue
                          .enqueueBatch(
                              h, List.of(new NewJob("mail.send", Map.of()), new NewJob("x", null)))
                          .get(1)));
    } finally {
      MDC.remove(LogContext.REQUEST_ID);
    }
    long fromSchedule = jdbi.inTransaction(h -> queue.enqueue(h, "jobs.prune", Map.of()));
    MDC.put(LogContext.REQUEST_ID, "not valid: spaces");
    long withGarbage;
    try {
      withGarbage = jdbi.inTransaction(h -> queue.enqueue(h, "mail.send", Map.of()));
    } finally {
      MDC.remove(LogContext.REQUEST_ID);
    }

    for (long id : fromRequest) {
      assertThat(requestId(id)).isEqualTo("req-enqueue-0001");
    }
    assertThat(requestId(fromSchedule)).isNull();
    assertThat(requestId(withGarbage)).isNull();
  }

  private String requestId(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT request_id FROM jobs WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
  }

  @Test
  void aJobEnqueuedInARolledBackTransactionNeverExists() {
    jdbi.useTransaction(
        handle -> {
          queue.enqueue(handle, "mail.send", Map.of("to", "a@example.com"));
          handle.rollback();
        });
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    handle -> {
                      queue.enqueue(handle, "mail.send", Map.of("to", "b@example.com"));
                      throw new IllegalStateException("the business write failed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(JobRows.count(jdbi, "true")).isZero();
  }

  @Test
  void aCommittedJobKeepsItsArgsInSnakeCaseAndTheDefaults() {
    long id =
        jdbi.inTransaction(h -> queue.enqueue(h, "mail.welcome", new Welcome("a@example.com", 2)));

    JobRow job = JobRows.find(jdbi, id);
    assertThat(job.kind()).isEqualTo("mail.welcome");
    assertThat(job.args()).isEqualTo("{\"step\": 2, \"user_email\": \"a@example.com\"}");
    assertThat(job.state()).isEqualTo("available");
    assertThat(job.queue()).isEqualTo(JobOptions.DEFAULT_QUEUE);
    assertThat(job.priority()).isEqualTo(JobOptions.DEFAULT_PRIORITY);
    assertThat(job.maxAttempts()).isEqualTo(JobOptions.DEFAULT_MAX_ATTEMPTS);
    assertThat(job.attempt()).isZero();
    assertThat(job.errors()).isEqualTo("[]");
  }

  @Test
  void aLiveJobHoldsItsIdempotencyKeyUntilItFinishes() {
    JobOptions keyed = JobOptions.defaults().idempotencyKey("welcome:42");
    long first = jdbi.inTransaction(h -> queue.enqueue(h, "mail.welcome", Map.of(), keyed));
    long second = jdbi.inTransaction(h -> queue.enqueue(h, "mail.welcome", Map.of("x", 1), keyed));

    assertThat(second).isEqualTo(first);
    assertThat(JobRows.count(jdbi, "true")).isEqualTo(1);
    assertThat(JobRows.find(jdbi, first).args()).isEqualTo("{}");

    jdbi.useHandle(h -> h.execute("UPDATE jobs SET state = 'completed', finished_at = now()"));
    long third = jdbi.inTransaction(h -> queue.enqueue(h, "mail.welcome", Map.of(), keyed));

    assertThat(third).isNotEqualTo(first);
    assertThat(JobRows.count(jdbi, "idempotency_key = 'welcome:42'")).isEqualTo(2);
  }

  @Test
  void aBatchReturnsIdsInInputOrder() {
    List<NewJob> jobs =
        IntStream.range(0, 2_000).mapToObj(i -> new NewJob("bench.noop", Map.of("n", i))).toList();

    List<Long> ids = jdbi.inTransaction(h -> queue.enqueueBatch(h, jobs));

    assertThat(ids).hasSize(2_000).doesNotHaveDuplicates();
    for (int i : new int[] {0, 1, 999, 1_999}) {
      assertThat(JobRows.find(jdbi, ids.get(i)).args()).isEqualTo("{\"n\": " + i + "}");
    }
  }

  @Test
  void aBatchResolvesIdempotencyKeysAgainstLiveJobsAndItself() {
    JobOptions defaults = JobOptions.defaults();
    long existing =
        jdbi.inTransaction(
            h -> queue.enqueue(h, "notify", Map.of(), defaults.idempotencyKey("k1")));
    List<NewJob> jobs =
        List.of(
            new NewJob("notify", Map.of("i", 0), defaults.idempotencyKey("k1")),
            new NewJob("notify", Map.of("i", 1), defaults.idempotencyKey("k2")),
            new NewJob("notify", Map.of("i", 2), defaults.idempotencyKey("k2")),
            new NewJob("notify", Map.of("i", 3)));

    List<Long> ids = jdbi.inTransaction(h -> queue.enqueueBatch(h, jobs));

    assertThat(ids.get(0)).isEqualTo(existing);
    assertThat(ids.get(2)).isEqualTo(ids.get(1));
    assertThat(ids.get(3)).isNotIn(existing, ids.get(1));
    assertThat(JobRows.find(jdbi, ids.get(1)).args()).isEqualTo("{\"i\": 1}");
    assertThat(JobRows.count(jdbi, "true")).isEqualTo(3);
  }

  @Test
  void aBatchKeepsEachJobsOptions() {
    Instant later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
    List<NewJob> jobs = new ArrayList<>();
    jobs.add(new NewJob("a", null, JobOptions.defaults().queue("mail").priority(5).maxAttempts(2)));
    jobs.add(new NewJob("b", Map.of(), JobOptions.defaults().runAt(later)));

    List<Long> ids = jdbi.inTransaction(h -> queue.enqueueBatch(h, jobs));

    JobRow a = JobRows.find(jdbi, ids.get(0));
    assertThat(a.queue()).isEqualTo("mail");
    assertThat(a.priority()).isEqualTo(5);
    assertThat(a.maxAttempts()).isEqualTo(2);
    assertThat(a.args()).isEqualTo("{}");
    assertThat(JobRows.find(jdbi, ids.get(1)).runAt()).isEqualTo(later);
  }

  @Test
  void aHundredThousandJobsGoInOneBatch() {
    List<NewJob> jobs =
        IntStream.range(0, 100_000).mapToObj(i -> new NewJob("bench.noop", Map.of())).toList();

    List<Long> ids = jdbi.inTransaction(h -> queue.enqueueBatch(h, jobs));

    assertThat(ids).hasSize(100_000);
    assertThat(JobRows.count(jdbi, "state = 'available'")).isEqualTo(100_000);
  }

  @Test
  void cancelStopsAnAvailableJobOnce() {
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "mail.send", Map.of()));

    boolean first = jdbi.inTransaction(h -> queue.cancel(h, id));
    boolean second = jdbi.inTransaction(h -> queue.cancel(h, id));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    JobRow job = JobRows.find(jdbi, id);
    assertThat(job.state()).isEqualTo("cancelled");
    assertThat(job.finishedAt()).isNotNull();
  }

  @Test
  void argsMustBeAJsonObject() {
    assertThatThrownBy(() -> jdbi.useHandle(h -> queue.enqueue(h, "x", List.of(1, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> jdbi.useHandle(h -> queue.enqueue(h, " ", Map.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
