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
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("SIGTERM: stopping the web process");
                  application.close();
                },
                "shutdown"));
    log.info(
        "atrium web listening on http://localhost:{}/api/v1 (docs: http://localhost:{}/docs)",
        application.port(),
        application.port());
  }
}
