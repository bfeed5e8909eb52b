package io.atrium.worker.engine;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A {@link JobDao} on one handle that a busy engine thread keeps between statements. An on-demand
 * DAO opens a handle per call, and with it a fresh copy of Jdbi's configuration and mapper caches:
 * in the claim and completion loops that bookkeeping cost more than the statements. The handle
 * stays in autocommit, so each statement is still its own transaction; the thread gives the
 * connection back to the pool whenever it goes idle, and after any error.
 */
final class HeldDao implements AutoCloseable {
  private final Jdbi jdbi;
  private Handle handle;
  private JobDao dao;

  HeldDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  <T> T call(Function<JobDao, T> statement) {
    if (handle == null) {
      handle = jdbi.open();
      dao = handle.attach(JobDao.class);
    }
    try {
      return statement.apply(dao);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Returns the connection to the pool; the next call takes one again. */
  @Override
  public void close() {
    if (handle != null) {
      Handle open = handle;
      handle = null;
      dao = null;
      try {
        open.close();
      } catch (RuntimeException ignored) {
        // a broken connection: the pool discards it
      }
    }
  }
}
