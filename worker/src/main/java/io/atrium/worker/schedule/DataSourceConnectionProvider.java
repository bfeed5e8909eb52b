package io.atrium.worker.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's job store borrows from the worker's own pool; the pool is not Quartz's to close.
 *
 * <p>Connections are taken regardless of the thread's interrupt flag. Quartz 2.5's {@code shutdown}
 * pauses its scheduler thread, which wakes and releases the triggers it had acquired, and then
 * interrupts that thread as a wake-up call. An interrupt landing on the release made the wait for a
 * connection fail; the job store takes any such failure for a database outage, retries after an
 * interruptible sleep, and that sleep threw the {@code IllegalStateException} ("Received
 * interrupted exception") logged at ERROR on about half of the clean stops, leaving the triggers
 * acquired until another node recovered them. Quartz's statements are short; the flag is restored
 * for Quartz's own loop to see.
 */
final class DataSourceConnectionProvider implements ConnectionProvider {
  private final DataSource dataSource;

  DataSourceConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          return dataSource.getConnection();
        } catch (SQLException e) {
          // An interrupt during the wait: wait again. Any other failure is Quartz's to handle.
          if (!Thread.interrupted()) {
            throw e;
          }
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
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
