package io.atrium.worker.notification;

import com.google.inject.Module;
import io.atrium.worker.FeatureModules;
import io.atrium.worker.TestWorkers;
import io.atrium.worker.WorkerApplication;
import io.atrium.worker.WorkerMain;
import io.atrium.worker.engine.EngineSettings;
import io.atrium.worker.schedule.QuartzSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A worker process for {@link NotificationDeliveryIT}: the production feature modules, sending
 * through SMTP on the test's port, with a short lease. Arguments: JDBC URL, worker id, SMTP port.
 */
public final class NotificationTestWorkerMain {
  private NotificationTestWorkerMain() {}

  public static void main(String[] args) {
    String workerId = args[1];
    EngineSettings settings =
        TestWorkers.fastSettings(workerId, 4)
            .withLease(Duration.ofSeconds(3), Duration.ofMillis(500))
            .withRescueInterval(Duration.ofSeconds(1));
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
            TestWorkers.config(
                args[0],
                4,
                Map.of(
                    "SMTP_URL",
                    "smtp://127.0.0.1:" + args[2],
                    "MAIL_FROM",
                    "Atrium <no-reply@atrium.test>")),
            Clock.systemUTC(),
            FeatureModules.all(),
            overrides);
    WorkerMain.stopOnSigterm(application);
    System.out.println("worker " + workerId + " ready");
  }
}
