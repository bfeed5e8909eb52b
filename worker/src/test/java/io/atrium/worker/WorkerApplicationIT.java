package io.atrium.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Module;
import io.atrium.common.jobs.JobQueue;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.engine.EngineSettings;
import io.atrium.worker.engine.JobHandlers;
import io.atrium.worker.engine.JobRows;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker process as WorkerMain wires it, against the test database. */
class WorkerApplicationIT {
  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();

  @BeforeEach
  void clean() {
    database.clean();
  }

  @Test
  void theApplicationRunsJobsStoresItsSchedulesAndExposesMetrics() {
    Module features =
        binder -> JobHandlers.binder(binder).addBinding("test.app").toInstance(job -> {});
    Module fast =
        binder ->
            binder.bind(EngineSettings.class).toInstance(TestWorkers.fastSettings("app-it", 2));
    WorkerApplication application =
        WorkerApplication.start(
            TestWorkers.config(database.jdbcUrl(), 2), Clock.systemUTC(), List.of(features), fast);
    try {
      JobQueue queue = application.injector().getInstance(JobQueue.class);
      long id = jdbi.inTransaction(h -> queue.enqueue(h, "test.app", Map.of()));
      JobRows.await(
          "the job",
          Duration.ofSeconds(30),
          () -> JobRows.find(jdbi, id).state().equals("completed"));
      PrometheusMeterRegistry registry =
          application.injector().getInstance(PrometheusMeterRegistry.class);
      // The engine's own rescue jobs complete too: at least ours.
      JobRows.await(
          "the state gauges",
          Duration.ofSeconds(30),
          () ->
              registry.find("atrium.jobs").tag("state", "completed").gauges().stream()
                  .anyMatch(g -> g.value() >= 1));

      assertThat(registry.scrape())
          .contains("atrium_jobs_duration_seconds_count{kind=\"test.app\",outcome=\"completed\"} 1")
          .contains("hikaricp_connections");
      List<String> triggers =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT trigger_name FROM qrtz_triggers WHERE sched_name = 'atrium'")
                      .mapTo(String.class)
                      .list());
      assertThat(triggers).containsExactlyInAnyOrder("jobs.prune", "jobs.rescue_expired_leases");
    } finally {
      application.close();
    }
  }

  @Test
  void anUnmigratedDatabaseIsRefusedWithAClearMessage() {
    String name = "atrium_empty_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    jdbi.useHandle(h -> h.execute("CREATE DATABASE " + name));
    try {
      String url = database.jdbcUrl().replaceFirst("/atrium_test_[0-9a-f]+", "/" + name);
      assertThatThrownBy(
              () ->
                  WorkerApplication.start(TestWorkers.config(url, 1), Clock.systemUTC(), List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("run the release process first");
    } finally {
      jdbi.useHandle(h -> h.execute("DROP DATABASE " + name + " WITH (FORCE)"));
    }
  }
}
