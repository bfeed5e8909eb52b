package io.atrium.worker.bench;

import io.atrium.common.config.DatabaseConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Jdbi;

/** The bench's throwaway database and the figures read back from its jobs. */
final class BenchDatabases {
  private BenchDatabases() {}

  record Figures(
      long jobs,
      double seconds,
      double p50,
      double p95,
      double p99,
      double max,
      long claims,
      long completions) {}

  /** Creates {@code name} on the server of {@code serverUrl} (dropping an old one); its URL. */
  static String create(String serverUrl, String name) {
    requireIdentifier(name);
    DatabaseConfig server = DatabaseConfig.parse("DATABASE_URL", serverUrl, 1);
    execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    execute(server, "CREATE DATABASE " + name);
    return urlOf(server, name);
  }

  static void drop(String serverUrl, String name) {
    requireIdentifier(name);
    execute(
        DatabaseConfig.parse("DATABASE_URL", serverUrl, 1),
        "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** Counted through the partial indexes of live jobs, so polling costs the drain little. */
  static long live(Jdbi jdbi, String kind) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM jobs WHERE kind = :kind AND state IN ('available', 'running')")
                .bind("kind", kind)
                .mapTo(Long.class)
                .one());
  }

  /**
   * attempted_at is the claim, finished_at the committed completion: both database time, and equal
   * within one statement's transaction, so their distinct values count the statements.
   */
  static Figures figures(Jdbi jdbi, String kind) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT count(*) AS jobs,
                           extract(epoch FROM max(finished_at) - min(attempted_at))::float8
                             AS seconds,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY latency) AS p50,
                           percentile_cont(0.95) WITHIN GROUP (ORDER BY latency) AS p95,
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY latency) AS p99,
                           max(latency) AS max,
                           count(DISTINCT attempted_at) AS claims,
                           count(DISTINCT finished_at) AS completions
                      FROM (SELECT attempted_at, finished_at,
                                   extract(epoch FROM finished_at - attempted_at)::float8 AS latency
                              FROM jobs WHERE kind = :kind AND state = 'completed') AS done
                    """)
                .bind("kind", kind)
                .map(
                    (rows, context) ->
                        new Figures(
                            rows.getLong("jobs"),
                            rows.getDouble("seconds"),
                            rows.getDouble("p50"),
                            rows.getDouble("p95"),
                            rows.getDouble("p99"),
                            rows.getDouble("max"),
                            rows.getLong("claims"),
                            rows.getLong("completions")))
                .one());
  }

  private static String urlOf(DatabaseConfig server, String name) {
    String base = server.jdbcUrl();
    int queryStart = base.indexOf('?');
    String query = queryStart < 0 ? "" : base.substring(queryStart);
    String path = queryStart < 0 ? base : base.substring(0, queryStart);
    StringBuilder url =
        new StringBuilder(path.substring(0, path.lastIndexOf('/') + 1) + name + query);
    if (server.username() != null) {
      url.append(url.indexOf("?") < 0 ? "?" : "&")
          .append("user=")
          .append(encode(server.username()));
    }
    if (server.password() != null) {
      url.append(url.indexOf("?") < 0 ? "?" : "&")
          .append("password=")
          .append(encode(server.password()));
    }
    return url.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void execute(DatabaseConfig server, String sql) {
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static void requireIdentifier(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
  }
}
