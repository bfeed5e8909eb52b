package io.atrium.common.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.atrium.common.config.DatabaseConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.statement.StatementExceptions.MessageRendering;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool of one process and the Jdbi on top of it. Closed by the main class. */
public final class Database implements AutoCloseable {
  /** Callers waiting for a connection of the pool, tagged {@code pool}; HikariCP sees none. */
  public static final String WAITING_GAUGE = "atrium.db.connections.waiting";

  private static final long CONNECTION_TIMEOUT_MS = 5_000;

  private final HikariDataSource pool;
  private final DataSource dataSource;
  private final Jdbi jdbi;

  private Database(HikariDataSource pool, MeterRegistry meters) {
    this.pool = pool;
    AdmittingDataSource admitting =
        new AdmittingDataSource(pool, pool.getMaximumPoolSize(), CONNECTION_TIMEOUT_MS);
    if (meters != null) {
      Gauge.builder(WAITING_GAUGE, admitting, AdmittingDataSource::waiting)
          .tag("pool", pool.getPoolName())
          .description("Callers waiting for a connection of this pool")
          .register(meters);
    }
    this.dataSource = admitting;
    this.jdbi = configure(Jdbi.create(dataSource));
  }

  public static Database open(DatabaseConfig config, String poolName, MeterRegistry meters) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(poolName);
    hikari.setJdbcUrl(config.jdbcUrl());
    if (config.username() != null) {
      hikari.setUsername(config.username());
    }
    if (config.password() != null) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(Math.min(2, config.poolSize()));
    // A request waiting longer than this for a connection answers 503 rather than hanging.
    hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    hikari.setValidationTimeout(2_000);
    hikari.addDataSourceProperty("tcpKeepAlive", "true");
    hikari.addDataSourceProperty("connectTimeout", "5");
    hikari.addDataSourceProperty("ApplicationName", "atrium-" + poolName);
    // PostgreSQL's error details quote row values ("Failing row contains (...)", "Key
    // (email)=..."),
    // which end up in exception messages and so in logs: keep only the minimal message.
    hikari.addDataSourceProperty("logServerErrorDetail", "false");
    if (meters != null) {
      hikari.setMetricRegistry(meters);
    }
    return new Database(new HikariDataSource(hikari), meters);
  }

  /**
   * The plugins, mappers and settings every Jdbi of Atrium uses, set up once; tests build theirs
   * with the same. Records map by constructor through {@link RecordMappers}: DAOs register no
   * mappers. Jdbi's exception messages carry the statement and its bound arguments by default (a
   * {@code User} with its password hash, a token's hash...), and every logged database error would
   * carry them too: here they carry neither, only the driver's own message.
   */
  public static Jdbi configure(Jdbi jdbi) {
    jdbi.installPlugin(new PostgresPlugin())
        .installPlugin(new SqlObjectPlugin())
        .registerRowMapper(new RecordMappers());
    AttachedOnceDaos.install(jdbi);
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(MessageRendering.NONE);
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public void close() {
    pool.close();
  }
}
