package io.atrium.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atrium.common.config.DatabaseConfig;
import io.atrium.common.db.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The pool of every process: callers beyond its size wait for a connection, then time out. */
class DatabasePoolIT {

  @Test
  void callersBeyondThePoolSizeWaitForAClosedConnectionAndAClosedConnectionFreesOneSlot()
      throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool();
    MeterRegistry meters = new SimpleMeterRegistry();
    try (Database database =
        Database.open(
            new DatabaseConfig(TestDatabase.get().jdbcUrl(), null, null, 2), "pooltest", meters)) {
      DataSource pool = database.dataSource();
      Connection first = pool.getConnection();
      Connection second = pool.getConnection();
      CompletableFuture<Connection> third =
          CompletableFuture.supplyAsync(() -> open(pool), executor);
      assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS));
      awaitWaiting(meters, 1);

      first.close();
      first.close(); // a second close gives nothing back twice
      Connection admitted = third.get(10, TimeUnit.SECONDS);
      assertEquals(1, selectOne(admitted));
      CompletableFuture<Connection> fourth =
          CompletableFuture.supplyAsync(() -> open(pool), executor);
      assertThrows(TimeoutException.class, () -> fourth.get(300, TimeUnit.MILLISECONDS));

      second.close();
      assertEquals(1, selectOne(fourth.get(10, TimeUnit.SECONDS)));
      awaitWaiting(meters, 0);
      assertFalse(admitted.isClosed());
      admitted.close();
      assertTrue(admitted.isClosed());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aCallerThatFindsNoFreeConnectionWithinTheTimeoutGetsATransientError() throws Exception {
    try (Database database =
        Database.open(
            new DatabaseConfig(TestDatabase.get().jdbcUrl(), null, null, 1), "pooltest", null)) {
      DataSource pool = database.dataSource();
      try (Connection held = pool.getConnection()) {
        assertThrows(SQLTransientConnectionException.class, pool::getConnection);
      }
      try (Connection again = pool.getConnection()) {
        assertEquals(1, selectOne(again));
      }
    }
  }

  /** Waits until the pool's gauge counts that many waiting callers; fails after 10 s. */
  private static void awaitWaiting(MeterRegistry meters, int expected) throws InterruptedException {
    Gauge waiting = meters.get(Database.WAITING_GAUGE).tag("pool", "pooltest").gauge();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (waiting.value() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, waiting.value());
  }

  private static Connection open(DataSource pool) {
    try {
      return pool.getConnection();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int selectOne(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
