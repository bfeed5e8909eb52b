package io.atrium.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/** The schema of Atrium: applied by the release process, checked by web and worker. */
public final class Migrations {
  private final DataSource dataSource;
  private final Flyway flyway;

  public Migrations(DataSource dataSource) {
    this.dataSource = dataSource;
    this.flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            // Two release processes at once: Flyway takes an advisory lock, the second waits.
            .lockRetryCount(120)
            .load();
  }

  public MigrateResult migrate() {
    return flyway.migrate();
  }

  /** The newest migration this build knows. */
  public MigrationVersion latestKnownVersion() {
    return Arrays.stream(flyway.info().all())
        .map(MigrationInfo::getVersion)
        .filter(v -> v != null)
        .max(Comparator.naturalOrder())
        .orElse(MigrationVersion.EMPTY);
  }

  /**
   * Refuses to run web or worker against a schema older than this build expects. A newer schema is
   * accepted: during a rolling deploy the release has already run for the next version.
   */
  public SchemaCheck requireCurrent() {
    MigrationVersion latest = latestKnownVersion();
    SchemaCheck check = new SchemaCheck(latest.getVersion());
    if (!check.isCurrent(dataSource)) {
      MigrationInfo[] pending = flyway.info().pending();
      throw new IllegalStateException(
          "the database schema is older than this build ("
              + pending.length
              + " migration(s) pending, up to version "
              + latest
              + "): run the release process first");
    }
    return check;
  }

  /** A cheap readiness probe: is the expected migration applied? One indexed lookup. */
  public record SchemaCheck(String expectedVersion) {
    public boolean isCurrent(DataSource dataSource) {
      try (Connection connection = dataSource.getConnection();
          PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT 1 FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                      + " AND string_to_array(version, '.')::int[] >= string_to_array(?, '.')::int[]"
                      + " LIMIT 1")) {
        statement.setString(1, expectedVersion);
        try (ResultSet rows = statement.executeQuery()) {
          return rows.next();
        }
      } catch (SQLException e) {
        if ("42P01".equals(e.getSQLState())) {
          return false; // no history table: never migrated
        }
        throw new IllegalStateException("cannot read the schema version: " + e.getMessage(), e);
      }
    }
  }
}
