package io.atrium.common.db;

import com.google.inject.AbstractModule;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Binds an already opened pool and the {@link UnitOfWork} on it; opening and closing the pool is
 * the main class's job. Code that takes connections from the {@link DataSource} itself gets them
 * through {@link UnitOfWork#releasingKept}.
 */
public final class DatabaseModule extends AbstractModule {
  private final DataSource dataSource;
  private final Jdbi jdbi;

  public DatabaseModule(DataSource dataSource, Jdbi jdbi) {
    this.dataSource = dataSource;
    this.jdbi = jdbi;
  }

  @Override
  protected void configure() {
    UnitOfWork units = new UnitOfWork(jdbi);
    bind(UnitOfWork.class).toInstance(units);
    bind(DataSource.class).toInstance(units.releasingKept(dataSource));
    bind(Jdbi.class).toInstance(jdbi);
  }
}
