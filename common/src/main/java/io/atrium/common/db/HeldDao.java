package io.atrium.common.db;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A DAO on one handle that a busy loop thread (the job engine's claimer and completer) keeps
 * between its statements, where a {@link UnitOfWork} per statement would check out a connection for
 * each. The handle stays in autocommit, so each statement is still its own transaction; the thread
 * gives the connection back to the pool whenever it goes idle, and after any error.
 */
public final class HeldDao<D> implements AutoCloseable {
  private final Jdbi jdbi;
  private final Class<D> type;
  private Handle handle;
  private D dao;

  public HeldDao(Jdbi jdbi, Class<D> type) {
    this.jdbi = jdbi;
    this.type = type;
  }

  public <T> T call(Function<D, T> statement) {
    if (handle == null) {
      handle = jdbi.open();
      dao = handle.attach(type);
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
