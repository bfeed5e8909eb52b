package io.atrium.api.system;

import io.atrium.api.http.Drain;
import io.atrium.api.http.ErrorHandlers;
import io.atrium.api.http.Problem;
import io.atrium.common.config.MetricsConfig;
import io.atrium.common.error.UnauthorizedException;
import io.atrium.common.metrics.ScrapeAccess;
import io.atrium.migrations.Migrations.SchemaCheck;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/** Liveness, readiness and the Prometheus scrape. */
public final class SystemController {
  private final DataSource dataSource;
  private final SchemaCheck schemaCheck;
  private final PrometheusMeterRegistry registry;
  private final Drain drain;
  private final ScrapeAccess scrapeAccess;

  @Inject
  public SystemController(
      DataSource dataSource,
      SchemaCheck schemaCheck,
      PrometheusMeterRegistry registry,
      Drain drain,
      MetricsConfig metrics) {
    this.dataSource = dataSource;
    this.schemaCheck = schemaCheck;
    this.registry = registry;
    this.drain = drain;
    this.scrapeAccess = ScrapeAccess.forWeb(metrics);
  }

  public void health(Context ctx) {
    ctx.json(Map.of("status", "ok"));
  }

  public void ready(Context ctx) {
    String problem =
        drain.draining() ? "This process is shutting down; use another." : databaseProblem();
    if (problem != null) {
      ctx.header("Retry-After", "5");
      ErrorHandlers.write(ctx, Problem.of(503, "unavailable", problem));
      return;
    }
    ctx.json(Map.of("status", "ready", "schema_version", schemaCheck.expectedVersion()));
  }

  /** Open in development; in production only with METRICS_TOKEN, and absent without it. */
  public void metrics(Context ctx) {
    switch (scrapeAccess.decide(ctx.header("Authorization"))) {
      case HIDDEN -> throw new NotFoundResponse();
      case UNAUTHORIZED -> {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new UnauthorizedException(
            "unauthorized", "Send Authorization: Bearer followed by the METRICS_TOKEN.");
      }
      case ALLOW -> {
        // the scrape below
      }
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(registry.scrape());
  }

  private String databaseProblem() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      statement.execute("SELECT 1");
    } catch (SQLException | RuntimeException e) {
      return "The database is unreachable.";
    }
    try {
      return schemaCheck.isCurrent(dataSource)
          ? null
          : "The database schema is older than this build; the release process has not run.";
    } catch (RuntimeException e) {
      return "The database is unreachable.";
    }
  }
}
