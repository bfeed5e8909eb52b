package io.atrium.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.common.config.DatabaseConfig;
import io.atrium.common.db.Database;
import io.atrium.migrations.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quartz interrupts its scheduler thread when it shuts down, possibly in the middle of releasing
 * its triggers: the connection it asks for then must still come (the worker's clean stops logged a
 * Quartz IllegalStateException at ERROR when it did not).
 */
class DataSourceConnectionProviderIT {
  private final Database database =
      Database.open(
          DatabaseConfig.parse("TEST_DATABASE_URL", TestDatabase.get().jdbcUrl(), 2),
          "quartz",
          null);

  @AfterEach
  void close() {
    Thread.interrupted();
    database.close();
  }

  @Test
  void anInterruptedThreadStillGetsAConnectionAndKeepsItsInterruptFlag() throws Exception {
    DataSourceConnectionProvider provider = new DataSourceConnectionProvider(database.dataSource());

    Thread.currentThread().interrupt();
    try (Connection connection = provider.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      assertThat(rows.next()).isTrue();
    }

    assertThat(Thread.interrupted()).as("the interrupt is left for Quartz's loop").isTrue();
  }

  @Test
  void anUninterruptedThreadIsLeftUninterrupted() throws Exception {
    DataSourceConnectionProvider provider = new DataSourceConnectionProvider(database.dataSource());

    try (Connection connection = provider.getConnection()) {
      assertThat(connection.isValid(2)).isTrue();
    }

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
