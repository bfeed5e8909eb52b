package io.atrium.worker.engine;

import io.atrium.common.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on {@code jobs_available} and wakes the claim loop, so an idle worker picks up a new job
 * in milliseconds instead of at its next poll. It holds its own connection, outside the pool (a
 * pooled one would be taken from the handlers for good). Polling stays the truth: while this is
 * disconnected the worker only reacts more slowly.
 */
final class JobNotificationListener {
  private static final Logger log = LoggerFactory.getLogger(JobNotificationListener.class);
  private static final int RECEIVE_TIMEOUT_MILLIS = 500;
  private static final long MAX_RECONNECT_WAIT_MILLIS = 30_000;

  private final DatabaseConfig database;
  private final Wakeup wakeup;
  private final Thread thread;
  private volatile boolean running = true;

  JobNotificationListener(DatabaseConfig database, Wakeup wakeup) {
    this.database = database;
    this.wakeup = wakeup;
    this.thread = new Thread(this::run, "job-listener");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join(RECEIVE_TIMEOUT_MILLIS * 4L);
  }

  private void run() {
    long reconnectWait = 1_000;
    while (running) {
      try (Connection connection = connect()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN jobs_available");
        }
        reconnectWait = 1_000;
        PGConnection notifications = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = notifications.getNotifications(RECEIVE_TIMEOUT_MILLIS);
          if (received != null && received.length > 0) {
            wakeup.signal();
          }
        }
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        log.warn(
            "job notifications unavailable ({}); polling only, reconnecting in {} ms",
            e.getMessage(),
            reconnectWait);
        sleepQuietly(reconnectWait);
        reconnectWait = Math.min(reconnectWait * 2, MAX_RECONNECT_WAIT_MILLIS);
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (database.username() != null) {
      properties.setProperty("user", database.username());
    }
    if (database.password() != null) {
      properties.setProperty("password", database.password());
    }
    properties.setProperty("ApplicationName", "atrium-worker-listener");
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(database.jdbcUrl(), properties);
  }

  private void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
