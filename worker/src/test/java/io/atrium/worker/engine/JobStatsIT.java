package io.atrium.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.common.jobs.JobOptions;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.jobs.JobStats;
import io.atrium.common.jobs.JobStats.KindFailures;
import io.atrium.common.jobs.JobStats.QueueStats;
import io.atrium.common.json.Json;
import io.atrium.migrations.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobStatsIT {
  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private final JobQueue queue = new JobQueue(Json.newMapper());
  private final JobDao dao = jdbi.onDemand(JobDao.class);
  private final JobStats stats = new JobStats(jdbi);

  @BeforeEach
  void clean() {
    database.clean();
  }

  @Test
  void queuesShowDepthScheduledRunningAndLag() {
    enqueue(
        "mail.send", JobOptions.defaults().queue("mail").runAt(Instant.now().minusSeconds(120)));
    enqueue("mail.send", JobOptions.defaults().queue("mail"));
    enqueue("mail.send", JobOptions.defaults().queue("mail").runAt(Instant.now().plusSeconds(600)));
    enqueue("report", JobOptions.defaults());
    dao.claim("worker-a", "default", 1, 60_000);

    List<QueueStats> queues = stats.queues();

    assertThat(queues).extracting(QueueStats::queue).containsExactly("default", "mail");
    QueueStats mail = queues.get(1);
    assertThat(mail.runnable()).isEqualTo(2);
    assertThat(mail.scheduled()).isEqualTo(1);
    assertThat(mail.running()).isZero();
    assertThat(mail.lagSeconds()).isBetween(110.0, 600.0);
    QueueStats defaults = queues.get(0);
    assertThat(defaults.running()).isEqualTo(1);
    assertThat(defaults.runnable()).isZero();
    assertThat(defaults.lag()).isZero();
  }

  @Test
  void countsCoverEveryState() {
    long completed = enqueue("a", JobOptions.defaults());
    enqueue("b", JobOptions.defaults());
    ClaimedJob claimed = dao.claim("worker-a", "default", 1, 60_000).get(0);
    dao.complete("worker-a", new long[] {claimed.id()}, new int[] {claimed.attempt()});

    Map<String, Long> counts = stats.countsByState();

    assertThat(claimed.id()).isEqualTo(completed);
    assertThat(counts)
        .containsExactly(
            Map.entry("available", 1L),
            Map.entry("running", 0L),
            Map.entry("completed", 1L),
            Map.entry("discarded", 0L),
            Map.entry("cancelled", 0L));
  }

  @Test
  void failuresOfTheLastDayAreCountedByKind() {
    enqueue("provider.sync", JobOptions.defaults().queue("flaky"));
    enqueue("mail.send", JobOptions.defaults().queue("doomed").maxAttempts(2));
    enqueue("fine", JobOptions.defaults());
    failOnce("flaky");
    failOnce("doomed");
    failOnce("doomed");

    List<KindFailures> failures = stats.failuresLastDay();

    assertThat(failures)
        .containsExactly(
            new KindFailures("mail.send", 1, 2), new KindFailures("provider.sync", 0, 1));
  }

  private void failOnce(String queueName) {
    ClaimedJob job = dao.claim("worker-a", queueName, 1, 60_000).get(0);
    dao.fail("worker-a", job.id(), job.attempt(), false, "boom", 0);
  }

  private long enqueue(String kind, JobOptions options) {
    return jdbi.inTransaction(h -> queue.enqueue(h, kind, Map.of(), options));
  }
}
