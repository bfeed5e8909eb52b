package io.atrium.worker.engine;

import com.google.inject.Module;
import io.atrium.worker.TestWorkers;
import io.atrium.worker.WorkerApplication;
import io.atrium.worker.WorkerMain;
import io.atrium.worker.schedule.QuartzSettings;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A worker process for {@link KillWorkerIT}: the production application with a short lease, a
 * rescue every second, and a handler whose effect (a row per run) shows duplicates. Arguments: JDBC
 * URL, worker id, concurrency.
 */
public final class KillTestWorkerMain {
  static final String KIND = "kill.record";

  private KillTestWorkerMain() {}

  public static void main(String[] args) {
    String jdbcUrl = args[0];
    String workerId = args[1];
    int concurrency = Integer.parseInt(args[2]);
    EngineSettings settings =
        TestWorkers.fastSettings(workerId, concurrency)
            .withLease(Duration.ofSeconds(3), Duration.ofMillis(500))
            .withRescueInterval(Duration.ofSeconds(1));
    Module features = binder -> JobHandlers.register(binder, KIND, RecordEffect.class);
    Module overrides =
        binder -> {
          binder.bind(EngineSettings.class).toInstance(settings);
          binder
              .bind(QuartzSettings.class)
              .toInstance(
                  QuartzSettings.defaults().withClusterCheckinInterval(Duration.ofSeconds(1)));
        };
    WorkerApplication application =
        WorkerApplication.start(
            TestWorkers.config(jdbcUrl, concurrency),
            Clock.systemUTC(),
            List.of(features),
            overrides);
    WorkerMain.stopOnSigterm(application);
    System.out.println("worker " + workerId + " ready");
  }

  /** Records each run; no unique constraint, so a job that ran twice shows twice. */
  public static final class RecordEffect implements JobHandler {
    private final Jdbi jdbi;
    private final EngineSettings settings;

    @Inject
    public RecordEffect(Jdbi jdbi, EngineSettings settings) {
      this.jdbi = jdbi;
      this.settings = settings;
    }

    @Override
    public void handle(JobContext job) throws InterruptedException {
      jdbi.useHandle(
          h ->
              h.createUpdate("INSERT INTO job_effects (job_id, worker) VALUES (:id, :worker)")
                  .bind("id", job.id())
                  .bind("worker", settings.workerId())
                  .execute());
      Thread.sleep(2);
    }
  }
}
