package io.atrium.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.common.db.UnitOfWork;
import io.atrium.common.jobs.JobOptions;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.json.Json;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.engine.JobRows.JobRow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease protocol statement by statement, with a worker that stops heartbeating. */
class LeaseFencingIT {
  private static final long SHORT_LEASE_MILLIS = 300;

  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private final JobDao dao = jdbi.onDemand(JobDao.class);
  private final JobQueue queue = new JobQueue(Json.newMapper());
  private final RescueExpiredLeasesHandler rescue =
      new RescueExpiredLeasesHandler(new UnitOfWork(jdbi));

  @BeforeEach
  void clean() {
    database.clean();
  }

  @Test
  void aStaleWorkerCannotOverwriteTheAttemptThatReplacedIt() {
    long id = enqueue(JobOptions.defaults());
    ClaimedJob stale = dao.claim("worker-a", "default", 10, SHORT_LEASE_MILLIS).get(0);
    assertThat(stale.attempt()).isEqualTo(1);

    awaitRescue(id);
    JobRow rescued = JobRows.find(jdbi, id);
    assertThat(rescued.state()).isEqualTo("available");
    assertThat(rescued.attempt()).isEqualTo(1);
    assertThat(rescued.errors()).contains("lease expired: worker worker-a stopped heartbeating");
    ClaimedJob current = dao.claim("worker-b", "default", 10, 60_000).get(0);
    assertThat(current.attempt()).isEqualTo(2);

    assertThat(dao.complete("worker-a", new long[] {id}, new int[] {1})).isEmpty();
    assertThat(dao.fail("worker-a", id, 1, true, "late", 0)).isEmpty();
    assertThat(dao.heartbeat("worker-a", new long[] {id}, new int[] {1}, 60_000)).isEmpty();
    assertThat(dao.release("worker-a", new long[] {id}, new int[] {1})).isEmpty();
    JobRow running = JobRows.find(jdbi, id);
    assertThat(running.state()).isEqualTo("running");
    assertThat(running.lockedBy()).isEqualTo("worker-b");

    assertThat(dao.complete("worker-b", new long[] {id}, new int[] {2})).containsExactly(id);
    assertThat(JobRows.find(jdbi, id).state()).isEqualTo("completed");
  }

  @Test
  void theSameWorkerIsFencedByTheAttemptToo() {
    long id = enqueue(JobOptions.defaults());
    dao.claim("worker-a", "default", 1, SHORT_LEASE_MILLIS);
    awaitRescue(id);
    dao.claim("worker-a", "default", 1, 60_000);

    assertThat(dao.complete("worker-a", new long[] {id}, new int[] {1})).isEmpty();
    assertThat(dao.complete("worker-a", new long[] {id}, new int[] {2})).containsExactly(id);
  }

  @Test
  void anExpiredLeaseOnTheLastAttemptIsDiscarded() {
    long id = enqueue(JobOptions.defaults().maxAttempts(1));
    dao.claim("worker-a", "default", 1, SHORT_LEASE_MILLIS);

    JobRows.await(
        "discard",
        Duration.ofSeconds(30),
        () -> {
          rescue.handle(null);
          return JobRows.find(jdbi, id).state().equals("discarded");
        });

    JobRow job = JobRows.find(jdbi, id);
    assertThat(job.finishedAt()).isNotNull();
    assertThat(job.lockedBy()).isNull();
  }

  @Test
  void aHeartbeatKeepsTheLeaseAlive() throws Exception {
    long leaseMillis = 2_000;
    long id = enqueue(JobOptions.defaults());
    dao.claim("worker-a", "default", 1, leaseMillis);

    // Five beats a third of a lease apart outlive the first lease several times over.
    for (int beat = 0; beat < 5; beat++) {
      Thread.sleep(leaseMillis / 3);
      assertThat(dao.heartbeat("worker-a", new long[] {id}, new int[] {1}, leaseMillis))
          .containsExactly(id);
      rescue.handle(null);
    }

    assertThat(JobRows.find(jdbi, id).state()).isEqualTo("running");
  }

  @Test
  void aReleasedJobGetsItsAttemptBack() {
    long id = enqueue(JobOptions.defaults());
    dao.claim("worker-a", "default", 1, 60_000);

    assertThat(dao.release("worker-a", new long[] {id}, new int[] {1})).containsExactly(id);

    JobRow job = JobRows.find(jdbi, id);
    assertThat(job.state()).isEqualTo("available");
    assertThat(job.attempt()).isZero();
    assertThat(job.lockedBy()).isNull();
  }

  @Test
  void aRetryWaitsOnTheDatabaseClock() {
    long id = enqueue(JobOptions.defaults());
    dao.claim("worker-a", "default", 1, 60_000);

    assertThat(dao.fail("worker-a", id, 1, false, "boom", 90_000)).containsExactly("available");

    double waitSeconds =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT extract(epoch FROM run_at - now()) FROM jobs WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Double.class)
                    .one());
    assertThat(waitSeconds).isBetween(80.0, 90.0);
    assertThat(dao.claim("worker-b", "default", 1, 60_000)).isEmpty();
  }

  @Test
  void onlyTheLastTwentyErrorsAreKept() {
    long id = enqueue(JobOptions.defaults().maxAttempts(30));
    for (int attempt = 1; attempt <= 25; attempt++) {
      dao.claim("worker-a", "default", 1, 60_000);
      dao.fail("worker-a", id, attempt, false, "error " + attempt, 0);
    }

    List<Integer> attempts =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT (e ->> 'attempt')::int FROM jobs, jsonb_array_elements(errors) e"
                            + " WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .list());
    assertThat(attempts).hasSize(20).startsWith(6).endsWith(25).isSorted();
  }

  private void awaitRescue(long id) {
    JobRows.await(
        "lease rescue",
        Duration.ofSeconds(30),
        () -> {
          rescue.handle(null);
          return JobRows.find(jdbi, id).state().equals("available");
        });
  }

  private long enqueue(JobOptions options) {
    return jdbi.inTransaction(h -> queue.enqueue(h, "test.lease", Map.of(), options));
  }
}
