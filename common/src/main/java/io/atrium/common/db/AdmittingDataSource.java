package io.atrium.common.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Lets at most as many callers into the pool as it has connections; the rest wait here, for at most
 * the pool's connection timeout. HikariCP's own waiting path hands a task to its connection-adder
 * thread on every wait, even when the pool is full: under more concurrent requests than connections
 * that thread wakes for nearly every request. Waiting on a semaphore instead cut the context
 * switches per {@code GET /user/me} from 5.1 to 3.3 and halved its p99 (docs/benchmarks.md). The
 * semaphore is not fair: a fair one hands each freed connection to a thread that must first be
 * scheduled, which cost a sixth of the throughput.
 */
final class AdmittingDataSource extends ForwardingDataSource {
  private final Semaphore permits;
  private final long timeoutMillis;

  AdmittingDataSource(DataSource pool, int connections, long timeoutMillis) {
    super(pool);
    this.permits = new Semaphore(connections, false);
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new SQLTransientConnectionException(
            "No database connection became free within " + timeoutMillis + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("Interrupted while waiting for a connection", e);
    }
    try {
      return admitted(pool.getConnection());
    } catch (SQLException | RuntimeException | Error e) {
      permits.release();
      throw e;
    }
  }

  /** The connection, giving its permit back when it is closed (once, however often closed). */
  private Connection admitted(Connection connection) {
    AtomicBoolean released = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                  connection.close();
                } finally {
                  if (released.compareAndSet(false, true)) {
                    permits.release();
                  }
                }
                return null;
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Callers waiting for a connection: the gauge {@link Database#WAITING_GAUGE}. */
  int waiting() {
    return permits.getQueueLength();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
  }
}
