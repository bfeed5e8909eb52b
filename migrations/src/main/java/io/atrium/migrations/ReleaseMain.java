package io.atrium.migrations;

import io.atrium.common.config.AppConfig;
import io.atrium.common.config.ConfigException;
import io.atrium.common.db.Database;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Procfile's {@code release:} process: applies the migrations and exits. */
public final class ReleaseMain {
  private static final Logger log = LoggerFactory.getLogger(ReleaseMain.class);

  private ReleaseMain() {}

  public static void main(String[] args) {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("atrium release: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    try (Database database = Database.open(config.database(), "release", null)) {
      MigrateResult result = new Migrations(database.dataSource()).migrate();
      log.info(
          "migrations applied: {} (schema now at version {})",
          result.migrationsExecuted,
          result.targetSchemaVersion == null
              ? result.initialSchemaVersion
              : result.targetSchemaVersion);
    } catch (RuntimeException e) {
      log.error("migration failed", e);
      System.exit(1);
    }
  }
}
