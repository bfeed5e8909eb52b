package io.atrium.api.support;

import com.google.inject.Module;
import io.atrium.api.ApiApplication;
import io.atrium.common.config.AppConfig;
import io.atrium.common.config.DevFiles;
import io.atrium.migrations.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The fully wired web process on the test database, one per test JVM unless asked for more. */
public final class TestApp implements AutoCloseable {
  public static final String JWT_SECRET = "test-secret-that-is-at-least-32-bytes-long!";
  public static final String CREDENTIALS_KEY = Base64.getEncoder().encodeToString(new byte[32]);
  public static final String ADMIN_EMAIL = "admin@atrium.test";
  public static final String ADMIN_PASSWORD = "admin password of the tests";

  /** Production mode (DATABASE_URL is set): /metrics answers only to this bearer token. */
  public static final String METRICS_TOKEN = "metrics-token-of-the-tests";

  private static TestApp shared;

  private final ApiApplication application;
  private final MutableClock clock;
  private final TestDatabase database;

  private TestApp(Map<String, String> extraEnvironment, Module... overrides) {
    this.database = TestDatabase.get();
    this.clock = new MutableClock();
    this.application =
        ApiApplication.start(config(database.jdbcUrl(), extraEnvironment), clock, overrides);
  }

  /** The app most tests share; the database is cleaned by {@link #reset()}. */
  public static synchronized TestApp shared() {
    if (shared == null) {
      shared = new TestApp(Map.of());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A separate app, for tests that need other settings or bindings. Close it. */
  public static TestApp start(Map<String, String> extraEnvironment, Module... overrides) {
    return new TestApp(extraEnvironment, overrides);
  }

  public static AppConfig config(String databaseUrl, Map<String, String> extraEnvironment) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("DATABASE_URL", databaseUrl);
    env.put("JWT_SECRET", JWT_SECRET);
    env.put("CREDENTIALS_ENCRYPTION_KEY", CREDENTIALS_KEY);
    env.put("TRUST_PROXY", "true");
    env.put("FRONTEND_URL", "http://localhost:3000");
    env.put("PLATFORM_ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("PLATFORM_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("METRICS_TOKEN", METRICS_TOKEN);
    // never the real Scaleway from a test: the discard port refuses at once (502
    // provider_unavailable); tests of the provider routes set the stub's URL
    env.put("SCALEWAY_API_URL", "http://127.0.0.1:9");
    env.putAll(extraEnvironment);
    if (!env.containsKey("SMTP_URL")) {
      env.putIfAbsent("MAIL_TRANSPORT", "file"); // production mode: files only when told so
    }
    try {
      return AppConfig.load(env, new DevFiles(Files.createTempDirectory("atrium-var")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public void reset() {
    database.clean();
    clock.reset();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + application.port() + path);
  }

  public Http http() {
    return new Http(this);
  }

  public MutableClock clock() {
    return clock;
  }

  public TestDatabase database() {
    return database;
  }

  public <T> T instance(Class<T> type) {
    return application.injector().getInstance(type);
  }

  public java.util.List<String> routes() {
    return application.routes();
  }

  /** Each route with the access it declares in the route table. */
  public java.util.Map<String, java.util.Set<String>> routeAccess() {
    return application.routeAccess();
  }

  public int port() {
    return application.port();
  }

  @Override
  public void close() {
    application.close();
  }
}
