package io.atrium.worker;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import io.atrium.common.config.AppConfig;
import io.atrium.common.config.ConfigModule;
import io.atrium.common.config.DevFiles;
import io.atrium.common.db.DatabaseModule;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.engine.EngineModule;
import io.atrium.worker.engine.EngineSettings;
import io.atrium.worker.engine.RetryBackoff;
import io.atrium.worker.schedule.ScheduleModule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Builds workers for tests with the production modules and short timings. */
public final class TestWorkers {
  private TestWorkers() {}

  /** A production-mode configuration pointing at {@code jdbcUrl}. */
  public static AppConfig config(String jdbcUrl, int concurrency) {
    return config(jdbcUrl, concurrency, Map.of());
  }

  /** The same with more variables, such as SMTP_URL. */
  public static AppConfig config(String jdbcUrl, int concurrency, Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.putAll(
        Map.of(
            "DATABASE_URL",
            jdbcUrl,
            "JWT_SECRET",
            "test-secret-test-secret-test-secret-0123456789",
            "CREDENTIALS_ENCRYPTION_KEY",
            Base64.getEncoder().encodeToString(new byte[32]),
            "WORKER_CONCURRENCY",
            Integer.toString(concurrency),
            "DATABASE_POOL_SIZE",
            "10",
            "LOG_FORMAT",
            "text"));
    if (!env.containsKey("SMTP_URL")) {
      env.putIfAbsent("MAIL_TRANSPORT", "file"); // production mode: files only when told so
    }
    return AppConfig.load(
        env, new DevFiles(Path.of(System.getProperty("java.io.tmpdir"), "atrium-test-var")));
  }

  /**
   * Starts {@code mainClass} in a child JVM on the test classpath, its output in target/{@code
   * workerId}.log. The child's sessions carry {@code workerId} as application name, so a test can
   * tell when a killed worker's connections are gone.
   */
  public static Process launch(
      TestDatabase database, Class<?> mainClass, String workerId, String... args)
      throws java.io.IOException {
    java.nio.file.Path log = java.nio.file.Path.of("target", workerId + ".log");
    java.nio.file.Files.createDirectories(log.getParent());
    String javaBinary =
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String url =
        database.jdbcUrl()
            + (database.jdbcUrl().contains("?") ? "&" : "?")
            + "ApplicationName="
            + workerId;
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBinary,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName(),
                url,
                workerId));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("LOG_FORMAT", "text");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  /** Timings for tests: short lease, fast polling, near-immediate retries. */
  public static EngineSettings fastSettings(String workerId, int concurrency) {
    return new EngineSettings(
        workerId,
        concurrency,
        Duration.ofSeconds(2),
        Duration.ofMillis(500),
        Duration.ofMillis(10),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(50), 0.5));
  }

  /** An injector with the worker's modules on the test database (nothing started). */
  public static Injector injector(TestDatabase database, EngineSettings settings, Module... extra) {
    return injector(
        database, settings, config(database.jdbcUrl(), settings.concurrency()), List.of(extra));
  }

  /**
   * The same with a configuration of the test's own (more variables, such as SCALEWAY_*) and {@code
   * overrides} replacing bindings of the modules.
   */
  public static Injector injector(
      TestDatabase database,
      EngineSettings settings,
      AppConfig config,
      List<Module> extra,
      Module... overrides) {
    List<Module> modules = new ArrayList<>();
    modules.add(new ConfigModule(config, Clock.systemUTC()));
    modules.add(new DatabaseModule(database.dataSource(), database.jdbi()));
    modules.add(new WorkerModule(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    modules.add(new EngineModule());
    modules.add(new ScheduleModule());
    modules.addAll(extra);
    List<Module> replacing = new ArrayList<>(List.of(overrides));
    replacing.add(binder -> binder.bind(EngineSettings.class).toInstance(settings));
    return Guice.createInjector(Stage.PRODUCTION, Modules.override(modules).with(replacing));
  }
}
