package io.atrium.worker;

import io.atrium.common.config.AppConfig;
import io.atrium.common.config.ConfigException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Procfile's {@code worker:} process: the job engine and the Quartz schedules. */
public final class WorkerMain {
  /** The platform's SIGKILL comes 30 s after SIGTERM; the contract promises an exit within 25. */
  private static final long STOP_DEADLINE_SECONDS = 24;

  private static final int ENGINE_AND_QUARTZ_CONNECTIONS = 6;
  private static final String MAIL_STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) {
    nameTheMailStreamProvider();
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("atrium worker: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    WorkerApplication application;
    try {
      application = WorkerApplication.start(config, Clock.systemUTC(), FeatureModules.all());
    } catch (IllegalStateException e) {
      log.error("atrium worker cannot start: {}", e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      log.error("atrium worker cannot start", e);
      System.exit(1);
      return;
    }
    stopOnSigterm(application);
    warnIfPoolIsSmall(config);
    log.info(
        "atrium worker running: concurrency {}, database pool {}; SIGTERM stops it",
        config.worker().concurrency(),
        config.database().poolSize());
  }

  /**
   * Jakarta Mail 2.1 looks up its StreamProvider with a ServiceLoader scan of the classpath each
   * time it builds or writes a message part, several times per message (jakartaee/mail-api#861);
   * with the class named in the system property it loads that class instead of scanning the jar.
   */
  static void nameTheMailStreamProvider() {
    if (System.getProperty(MAIL_STREAM_PROVIDER) == null) {
      System.setProperty(MAIL_STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  /**
   * On SIGTERM, closes the application and exits 0, within {@value #STOP_DEADLINE_SECONDS} s even
   * if a handler ignores interruption: leases left behind are rescued by the other workers.
   */
  public static void stopOnSigterm(AutoCloseable application) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("SIGTERM: stopping the worker");
                  Thread closer = new Thread(() -> closeQuietly(application), "worker-stop");
                  closer.start();
                  try {
                    closer.join(TimeUnit.SECONDS.toMillis(STOP_DEADLINE_SECONDS));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  if (closer.isAlive()) {
                    log.warn(
                        "the worker did not stop within {} s; exiting anyway",
                        STOP_DEADLINE_SECONDS);
                  }
                  // A JVM ended by SIGTERM exits 143 even after a clean stop; the contract says
                  // 0, and halt is the one exit a shutdown hook may take.
                  Runtime.getRuntime().halt(0);
                },
                "shutdown"));
  }

  /**
   * Besides the handlers, the engine (claims, completions, heartbeat, gauges) and Quartz hold a few
   * connections at a time; below this, handlers that use the database wait for one.
   */
  private static void warnIfPoolIsSmall(AppConfig config) {
    int needed = config.worker().concurrency() + ENGINE_AND_QUARTZ_CONNECTIONS;
    if (config.database().poolSize() < needed) {
      log.warn(
          "DATABASE_POOL_SIZE {} is small for WORKER_CONCURRENCY {}: handlers may wait for"
              + " connections; {} would leave one for each",
          config.database().poolSize(),
          config.worker().concurrency(),
          needed);
    }
  }

  private static void closeQuietly(AutoCloseable application) {
    try {
      application.close();
    } catch (Exception e) {
      log.error("stopping the worker failed", e);
    }
  }
}
