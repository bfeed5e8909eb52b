package io.atrium.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.common.jobs.JobQueue;
import io.atrium.common.jobs.NewJob;
import io.atrium.common.json.Json;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.TestWorkers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two worker processes drain 10,000 jobs; one is killed (SIGKILL) midway. Every job must end
 * completed, and only jobs the dead worker held at that instant may have run twice.
 */
class KillWorkerIT {
  private static final int JOBS = 10_000;
  private static final Duration LIMIT = Duration.ofSeconds(90);

  /** The workers also run their own rescue jobs; only the test's jobs are counted. */
  private static final String OURS = "kind = '" + KillTestWorkerMain.KIND + "'";

  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void prepare() {
    database.clean();
    jdbi.useHandle(
        h ->
            h.execute(
                "CREATE TABLE IF NOT EXISTS job_effects (job_id bigint NOT NULL, worker text NOT NULL)"));
  }

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void killingAWorkerMidwayLosesNoJobAndRepeatsOnlyWhatItHeld() throws Exception {
    JobQueue queue = new JobQueue(Json.newMapper());
    List<NewJob> jobs =
        IntStream.range(0, JOBS)
            .mapToObj(i -> new NewJob(KillTestWorkerMain.KIND, Map.of()))
            .toList();
    jdbi.useTransaction(h -> queue.enqueueBatch(h, jobs));

    Process doomed = launch("kill-a");
    Process survivor = launch("kill-b");
    JobRows.await("a third of the jobs", LIMIT, () -> completed() >= JOBS / 3);
    JobRows.await(
        "both workers busy", LIMIT, () -> effectsBy("kill-a") > 0 && effectsBy("kill-b") > 0);

    doomed.destroyForcibly();
    doomed.waitFor();
    // A statement the dead worker sent may still commit until its backends notice it is gone.
    JobRows.await("the dead worker's sessions to end", LIMIT, () -> sessionsOf("kill-a") == 0);
    long heldAtKill = JobRows.count(jdbi, OURS + " AND state = 'running' AND locked_by = 'kill-a'");

    JobRows.await("every job completed", LIMIT, () -> completed() == JOBS);
    survivor.destroy();
    boolean exited = survivor.waitFor(30, TimeUnit.SECONDS);

    long effects = count("SELECT count(*) FROM job_effects");
    long distinct = count("SELECT count(DISTINCT job_id) FROM job_effects");
    long rescued =
        JobRows.count(jdbi, OURS + " AND errors::text LIKE '%lease expired: worker kill-a%'");
    assertThat(distinct).isEqualTo(JOBS);
    assertThat(effects - distinct).isLessThanOrEqualTo(heldAtKill);
    assertThat(rescued).isEqualTo(heldAtKill);
    assertThat(JobRows.count(jdbi, OURS + " AND attempt > 1")).isEqualTo(heldAtKill);
    assertThat(exited).isTrue();
    assertThat(survivor.exitValue()).isZero();
    System.out.printf(
        "kill test: %d jobs held by the killed worker, %d ran twice%n",
        heldAtKill, effects - distinct);
  }

  private Process launch(String workerId) throws IOException {
    Process process = TestWorkers.launch(database, KillTestWorkerMain.class, workerId, "8");
    processes.add(process);
    return process;
  }

  private long completed() {
    return JobRows.count(jdbi, OURS + " AND state = 'completed'");
  }

  private long effectsBy(String worker) {
    return count("SELECT count(*) FROM job_effects WHERE worker = '" + worker + "'");
  }

  private long sessionsOf(String applicationName) {
    return count(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName + "'");
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
