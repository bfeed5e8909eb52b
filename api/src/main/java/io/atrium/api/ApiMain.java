package io.atrium.api;

import io.atrium.common.config.AppConfig;
import io.atrium.common.config.ConfigException;
import io.javalin.util.JavalinBindException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Procfile's {@code web:} process. */
public final class ApiMain {
  private static final Logger log = LoggerFactory.getLogger(ApiMain.class);

  /** The drain's own timeout plus the pool and the logs: past this, exit anyway. */
  private static final long STOP_DEADLINE_MILLIS = ApiServer.STOP_TIMEOUT.toMillis() + 3_000;

  private ApiMain() {}

  public static void main(String[] args) {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("atrium web: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    ApiApplication application;
    try {
      application = ApiApplication.start(config, Clock.systemUTC());
    } catch (IllegalStateException e) {
      log.error("atrium web cannot start: {}", e.getMessage());
      System.exit(1);
      return;
    } catch (JavalinBindException e) {
      log.error("atrium web cannot start: port {} is taken (PORT)", config.http().port());
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      log.error("atrium web cannot start", e);
      System.exit(1);
      return;
    }
    stopOnSigterm(application);
    log.info(
        "atrium web listening on http://localhost:{}/api/v1 (docs: http://localhost:{}/docs)",
        application.port(),
        application.port());
  }

  /**
   * On SIGTERM: stop accepting, let the requests in hand finish (at most 25 s), close the pool,
   * exit 0. A JVM ended by SIGTERM exits 143 even after a clean stop; the contract says 0, and halt
   * is the one exit a shutdown hook may take.
   */
  private static void stopOnSigterm(ApiApplication application) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("SIGTERM: draining the web process");
                  Thread closer =
                      new Thread(
                          () -> {
                            try {
                              application.close();
                            } catch (RuntimeException e) {
                              log.warn("stopping the web process failed: {}", e.toString());
                            }
                          },
                          "web-stop");
                  closer.start();
                  try {
                    closer.join(STOP_DEADLINE_MILLIS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  if (closer.isAlive()) {
                    log.warn("the web process did not stop in time; exiting anyway");
                  } else {
                    log.info("web process stopped");
                  }
                  Runtime.getRuntime().halt(0);
                },
                "shutdown"));
  }
}
