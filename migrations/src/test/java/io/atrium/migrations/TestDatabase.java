package io.atrium.migrations;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.atrium.common.config.DatabaseConfig;
import io.atrium.common.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * One migrated database per test JVM: a fresh database on the server named by {@code
 * TEST_DATABASE_URL}, or else on an embedded PostgreSQL. {@link #clean()} empties it between tests.
 */
public final class TestDatabase {
  private static TestDatabase instance;

  private final String jdbcUrl;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private TestDatabase(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(10);
    config.setPoolName("test");
    this.dataSource = new HikariDataSource(config);
    new Migrations(dataSource).migrate();
    this.jdbi = Database.configure(Jdbi.create(dataSource));
  }

  public static synchronized TestDatabase get() {
    if (instance == null) {
      instance = create();
    }
    return instance;
  }

  /** A JDBC URL with its credentials, usable as DATABASE_URL. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Empties every table but the migration history. The audit tables refuse TRUNCATE by trigger: as
   * superuser, the cleaning transaction runs with triggers off (replica role).
   */
  public void clean() {
    jdbi.useTransaction(
        handle -> {
          handle.execute("SET LOCAL session_replication_role = replica");
          List<String> tables =
              handle
                  .createQuery(
                      "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'"
                          + " AND tablename <> 'flyway_schema_history'")
                  .mapTo(String.class)
                  .list();
          if (!tables.isEmpty()) {
            handle.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
          }
        });
  }

  private static TestDatabase create() {
    String server = System.getenv("TEST_DATABASE_URL");
    if (server != null && !server.isBlank()) {
      return onServer(DatabaseConfig.parse("TEST_DATABASE_URL", server.trim(), 2));
    }
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
      return onServer(
          new DatabaseConfig(
              "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
              "postgres",
              null,
              2));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
    }
  }

  private static TestDatabase onServer(DatabaseConfig server) {
    String name = "atrium_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(server, "CREATE DATABASE " + name);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
    String base = server.jdbcUrl();
    int queryStart = base.indexOf('?');
    String query = queryStart < 0 ? "" : base.substring(queryStart + 1);
    String withoutQuery = queryStart < 0 ? base : base.substring(0, queryStart);
    String url = withoutQuery.substring(0, withoutQuery.lastIndexOf('/') + 1) + name;
    StringBuilder params = new StringBuilder(query);
    if (server.username() != null) {
      params.append(params.length() > 0 ? "&" : "").append("user=").append(server.username());
    }
    if (server.password() != null) {
      params.append(params.length() > 0 ? "&" : "").append("password=").append(server.password());
    }
    return new TestDatabase(params.length() > 0 ? url + "?" + params : url);
  }

  private static void execute(DatabaseConfig server, String sql) {
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }
}
