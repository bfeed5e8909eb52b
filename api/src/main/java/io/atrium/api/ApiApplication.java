package io.atrium.api;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.atrium.common.admin.PlatformAdminSeeder;
import io.atrium.common.admin.PlatformOrganizationSeeder;
import io.atrium.common.config.AppConfig;
import io.atrium.common.config.ConfigModule;
import io.atrium.common.db.Database;
import io.atrium.common.db.DatabaseModule;
import io.atrium.common.metrics.ProcessMeters;
import io.atrium.migrations.Migrations;
import io.atrium.migrations.Migrations.SchemaCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The web process: pool, schema check, injector and HTTP server, stopped in reverse order. */
public final class ApiApplication implements AutoCloseable {
  private final ProcessMeters meters;
  private final Database database;
  private final Injector injector;
  private final ApiServer server;

  private ApiApplication(
      ProcessMeters meters, Database database, Injector injector, ApiServer server) {
    this.meters = meters;
    this.database = database;
    this.injector = injector;
    this.server = server;
  }

  /** Starts everything; throws {@link IllegalStateException} when the schema is not current. */
  public static ApiApplication start(AppConfig config, Clock clock, Module... overrides) {
    ProcessMeters meters = ProcessMeters.start(config.metrics(), "atrium-web");
    Database database = Database.open(config.database(), "web", meters.registry());
    try {
      SchemaCheck schemaCheck = new Migrations(database.dataSource()).requireCurrent();
      List<Module> modules = new ArrayList<>();
      modules.add(new ConfigModule(config, clock));
      modules.add(new DatabaseModule(database.dataSource(), database.jdbi()));
      modules.add(new ApiModule(meters, schemaCheck));
      modules.addAll(FeatureModules.all());
      Module combined =
          overrides.length == 0
              ? com.google.inject.util.Modules.combine(modules)
              : com.google.inject.util.Modules.override(modules).with(overrides);
      Injector injector = Guice.createInjector(Stage.PRODUCTION, combined);
      injector.getInstance(PlatformAdminSeeder.class).seed();
      injector.getInstance(PlatformOrganizationSeeder.class).seed();
      ApiServer server = injector.getInstance(ApiServer.class).start();
      return new ApiApplication(meters, database, injector, server);
    } catch (RuntimeException e) {
      database.close();
      meters.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public java.util.List<String> routes() {
    return server.routes();
  }

  public java.util.Map<String, java.util.Set<String>> routeAccess() {
    return server.routeAccess();
  }

  public Injector injector() {
    return injector;
  }

  @Override
  public void close() {
    server.stop();
    meters.close();
    database.close();
  }
}
