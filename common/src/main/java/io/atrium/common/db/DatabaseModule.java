package io.atrium.common.db;

import com.google.inject.AbstractModule;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Binds an already opened pool; opening and closing it is the main class's job. */
public final class DatabaseModule extends AbstractModule {
  private final DataSource dataSource;
  private final Jdbi jdbi;

  public DatabaseModule(DataSource dataSource, Jdbi jdbi) {
    this.dataSource = dataSource;
    this.jdbi = jdbi;
  }

  @Override
  protected void configure() {
    bind(DataSource.class).toInstance(dataSource);
    bind(Jdbi.class).toInstance(jdbi);
  }
}
