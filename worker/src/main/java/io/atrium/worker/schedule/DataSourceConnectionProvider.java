package io.atrium.worker.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's job store borrows from the worker's own Hikari pool; the pool is not Quartz's to close.
 */
final class DataSourceConnectionProvider implements ConnectionProvider {
  private final DataSource dataSource;

  DataSourceConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {
    // the main class closes the pool after Quartz has stopped
  }

  @Override
  public void initialize() {
    // the pool is open before Quartz starts
  }
}
