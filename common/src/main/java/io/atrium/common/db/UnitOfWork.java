package io.atrium.common.db;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The unit of work of a request or a job: one handle (one connection), in one transaction where it
 * writes, to which the service attaches its DAOs ({@code handle.attach(UserDao.class)}).
 *
 * <p>A unit nested in another on the same thread runs on the outer unit's handle: a service that
 * calls another service's method taking part in its work shares its connection and transaction.
 *
 * <p>{@link #withHandleKept} lets the handle of one unit outlive it for the next unit of the same
 * thread: the authentication of a request reads the caller on it, and the route's own unit then
 * runs on the same connection instead of checking out a second one. The kept handle goes back to
 * the pool when that next unit ends, when {@link #releaseKept} is called (at the end of the
 * request), or as soon as the thread takes a connection any other way (see {@link #releasingKept}),
 * so a thread never holds two connections of the pool at once. Work that takes long outside the
 * database (password hashing, outbound calls) belongs after a unit, never between the
 * authentication and the route's first unit.
 *
 * <p>Mappers are registered once on the {@link Jdbi} (see {@link Database#configure}), and DAOs
 * carry no per-method configuration, so attaching one to a handle is cheap.
 */
@Singleton
public final class UnitOfWork {
  private final Jdbi jdbi;
  private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);

  @Inject
  public UnitOfWork(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private static final class State {
    /** The handle of the unit running on this thread, if any. */
    Handle current;

    /** A handle left by {@link #withHandleKept} for the thread's next unit. */
    Handle kept;

    /** Set while a kept unit runs: its handle is to be kept when it ends. */
    boolean keep;
  }

  /** One handle, statements in autocommit. */
  public <T, X extends Exception> T withHandle(HandleCallback<T, X> work) throws X {
    State state = this.state.get();
    if (state.current != null) {
      return work.withHandle(state.current);
    }
    Handle handle = take(state);
    state.current = handle;
    boolean completed = false;
    try {
      T result = work.withHandle(handle);
      completed = true;
      return result;
    } finally {
      state.current = null;
      if (state.keep && completed && !handle.isInTransaction()) {
        state.keep = false;
        state.kept = handle;
      } else {
        state.keep = false;
        close(handle);
      }
    }
  }

  public <X extends Exception> void useHandle(HandleConsumer<X> work) throws X {
    withHandle(
        handle -> {
          work.useHandle(handle);
          return null;
        });
  }

  /** One handle, one transaction: committed when {@code work} returns, rolled back if it throws. */
  public <T, X extends Exception> T inTransaction(HandleCallback<T, X> work) throws X {
    return withHandle(handle -> handle.inTransaction(work));
  }

  public <X extends Exception> void useTransaction(HandleConsumer<X> work) throws X {
    withHandle(
        handle -> {
          handle.useTransaction(work);
          return null;
        });
  }

  /**
   * Like {@link #withHandle}, but when {@code work} completes, its handle stays open for the next
   * unit of this thread (see the class comment). Used by the authentication of a request.
   */
  public <T, X extends Exception> T withHandleKept(HandleCallback<T, X> work) throws X {
    State state = this.state.get();
    if (state.current != null) {
      return work.withHandle(state.current);
    }
    releaseKept();
    state.keep = true;
    return withHandle(work);
  }

  /** Gives a kept handle back to the pool; nothing when there is none. Ends every request. */
  public void releaseKept() {
    State state = this.state.get();
    Handle kept = state.kept;
    if (kept != null) {
      state.kept = null;
      close(kept);
    }
  }

  /**
   * The pool as code outside Jdbi sees it (Bucket4j, Quartz): a thread that takes a connection
   * first gives back the handle it keeps, so it never waits for a second connection while holding
   * one, which under a full pool could wait on itself.
   */
  public DataSource releasingKept(DataSource pool) {
    return new ReleasingDataSource(pool, this);
  }

  private Handle take(State state) {
    Handle kept = state.kept;
    if (kept != null) {
      state.kept = null;
      return kept;
    }
    return jdbi.open();
  }

  private static void close(Handle handle) {
    handle.close();
  }

  private static final class ReleasingDataSource extends ForwardingDataSource {
    private final UnitOfWork units;

    ReleasingDataSource(DataSource pool, UnitOfWork units) {
      super(pool);
      this.units = units;
    }

    @Override
    public Connection getConnection() throws SQLException {
      units.releaseKept();
      return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      units.releaseKept();
      return pool.getConnection(username, password);
    }
  }
}
