package io.atrium.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import com.google.inject.Module;
import io.atrium.common.config.ScalewayConfig;
import io.atrium.common.provider.catalog.CatalogSyncJob;
import io.atrium.common.provider.catalog.InstanceType;
import io.atrium.common.provider.catalog.InstanceTypeDao;
import io.atrium.common.provider.catalog.MockCatalog;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.stub.FaultRule;
import io.atrium.common.provider.scaleway.stub.ScalewayStub;
import io.atrium.common.provider.scaleway.stub.StubCatalog;
import io.atrium.common.provider.scaleway.stub.StubFault;
import io.atrium.common.provider.scaleway.stub.StubRoute;
import io.atrium.common.testing.LogCapture;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.TestWorkers;
import io.atrium.worker.WorkerApplication;
import io.atrium.worker.engine.EngineSettings;
import io.atrium.worker.engine.JobContext;
import io.atrium.worker.engine.JobRows;
import io.atrium.worker.schedule.ScheduleDefinition;
import io.atrium.worker.schedule.StartupJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * The {@code provider.catalog_sync} job as the worker wires it: its handler, its 6-hour schedule,
 * and the one start-up sync however many workers start, against the stub Scaleway.
 */
class CatalogSyncJobIT {
  private static ScalewayStub stub;
  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private ScalewayCredentials platform;

  @BeforeAll
  static void startStub() {
    stub = ScalewayStub.start();
  }

  @AfterAll
  static void stopStub() {
    stub.close();
  }

  @BeforeEach
  void setUp() {
    database.clean();
    stub.reset();
    stub.catalog(StubCatalog.standard());
    platform = stub.newCredentials();
  }

  private Map<String, String> environment(boolean withCredentials) {
    Map<String, String> env = new HashMap<>();
    env.put("SCALEWAY_API_URL", stub.baseUrl().toString());
    env.put("SCALEWAY_ZONES", String.join(",", ScalewayStub.ZONES));
    if (withCredentials) {
      env.put("SCALEWAY_SECRET_KEY", platform.secretKey());
      env.put("SCALEWAY_PROJECT_ID", platform.projectId());
    }
    return env;
  }

  private Injector injector(boolean withCredentials) {
    EngineSettings settings = TestWorkers.fastSettings("catalog-it", 2);
    // Short retries: a zone that answers 5xx fails after two quick attempts.
    Module quickRetries =
        binder ->
            binder
                .bind(ScalewayConfig.class)
                .toInstance(
                    new ScalewayConfig(
                        stub.baseUrl(),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        2,
                        Duration.ofSeconds(1),
                        Duration.ofMillis(10)));
    return TestWorkers.injector(
        database,
        settings,
        TestWorkers.config(database.jdbcUrl(), 2, environment(withCredentials)),
        List.of(new ProviderWorkerModule()),
        quickRetries);
  }

  private static JobContext job() {
    return new JobContext(1, CatalogSyncJob.KIND, "default", null, 1, 3, null, Instant.now());
  }

  private List<InstanceType> zone(String provider, String zone) {
    return jdbi.withHandle(h -> h.attach(InstanceTypeDao.class).listZone(provider, zone));
  }

  @Test
  void theHandlerFillsMockAndScalewayAndAFailingZoneKeepsItsRows() throws Exception {
    CatalogSyncHandler handler = injector(true).getInstance(CatalogSyncHandler.class);
    handler.handle(job());
    List<InstanceType> parisTwo = zone("scaleway", "fr-par-2");
    assertThat(parisTwo).isNotEmpty();
    assertThat(zone("mock", MockCatalog.ZONES.get(0))).isNotEmpty();

    stub.catalog().remove("fr-par-2", parisTwo.get(0).code()).remove("fr-par-1", "DEV1-S");
    stub.inject(
        FaultRule.on(StubRoute.LIST_SERVER_TYPES, StubFault.status(503)).inZone("fr-par-2"));
    handler.handle(job());

    assertThat(zone("scaleway", "fr-par-2")).isEqualTo(parisTwo);
    assertThat(zone("scaleway", "fr-par-1"))
        .filteredOn(type -> type.code().equals("DEV1-S"))
        .singleElement()
        .satisfies(type -> assertThat(type.isActive()).isFalse());
    assertThat(zone("scaleway", "pl-waw-1")).isNotEmpty();
  }

  @Test
  void withoutPlatformCredentialsScalewayIsSkippedWithOneLineAndNoError() throws Exception {
    CatalogSyncHandler handler = injector(false).getInstance(CatalogSyncHandler.class);
    try (LogCapture logs = LogCapture.open()) {
      handler.handle(job());

      List<String> skipped =
          logs.events().stream().filter(line -> line.contains("scaleway skipped")).toList();
      assertThat(skipped).hasSize(1);
      assertThat(skipped.get(0)).startsWith("INFO");
      assertThat(logs.events()).noneMatch(line -> line.startsWith("ERROR"));
    }
    assertThat(stub.calls()).isEmpty();
    assertThat(zone("scaleway", "fr-par-1")).isEmpty();
    assertThat(zone("mock", MockCatalog.ZONES.get(1))).isNotEmpty();
  }

  @Test
  void theScheduleRunsEverySixHours() throws Exception {
    Set<ScheduleDefinition> schedules =
        injector(false)
            .getInstance(
                com.google.inject.Key.get(
                    new com.google.inject.TypeLiteral<Set<ScheduleDefinition>>() {}));
    ScheduleDefinition sync =
        schedules.stream()
            .filter(s -> s.jobKind().equals(CatalogSyncJob.KIND))
            .findFirst()
            .orElseThrow();
    CronExpression cron = new CronExpression(sync.cron());
    cron.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
    Date first = cron.getNextValidTimeAfter(Date.from(Instant.parse("2026-06-01T00:00:00Z")));
    Date second = cron.getNextValidTimeAfter(first);
    Date fifth =
        cron.getNextValidTimeAfter(cron.getNextValidTimeAfter(cron.getNextValidTimeAfter(second)));
    assertThat(first.toInstant()).isEqualTo(Instant.parse("2026-06-01T00:17:00Z"));
    assertThat(Duration.between(first.toInstant(), second.toInstant()))
        .isEqualTo(Duration.ofHours(6));
    assertThat(fifth.toInstant()).isEqualTo(Instant.parse("2026-06-02T00:17:00Z"));
  }

  @Test
  void workersStartingTogetherEnqueueOneSync() {
    StartupJobs first = injector(false).getInstance(StartupJobs.class);
    StartupJobs second = injector(false).getInstance(StartupJobs.class);

    first.enqueueAll();
    second.enqueueAll();
    first.enqueueAll();

    assertThat(JobRows.count(jdbi, "kind = 'provider.catalog_sync'")).isEqualTo(1);
  }

  @Test
  void aStartingWorkerStoresTheScheduleAndRunsTheSyncOnce() {
    Map<String, String> env = environment(true);
    WorkerApplication application =
        WorkerApplication.start(
            TestWorkers.config(database.jdbcUrl(), 2, env),
            Clock.systemUTC(),
            List.of(new ProviderWorkerModule()),
            binder ->
                binder
                    .bind(EngineSettings.class)
                    .toInstance(TestWorkers.fastSettings("catalog-start", 2)));
    try {
      JobRows.await(
          "the start-up sync",
          Duration.ofSeconds(60),
          () -> JobRows.count(jdbi, "kind = 'provider.catalog_sync' AND state = 'completed'") == 1);
      assertThat(JobRows.count(jdbi, "kind = 'provider.catalog_sync'")).isEqualTo(1);
      assertThat(zone("scaleway", "fr-par-1")).isNotEmpty();
      assertThat(zone("mock", MockCatalog.ZONES.get(0))).isNotEmpty();
      List<String> triggers =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT trigger_name FROM qrtz_triggers WHERE sched_name = 'atrium'")
                      .mapTo(String.class)
                      .list());
      assertThat(triggers).contains(CatalogSyncJob.KIND);
    } finally {
      application.close();
    }
  }
}
