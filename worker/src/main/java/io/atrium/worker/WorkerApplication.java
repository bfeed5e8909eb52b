package io.atrium.worker;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import io.atrium.common.config.AppConfig;
import io.atrium.common.config.ConfigModule;
import io.atrium.common.db.Database;
import io.atrium.common.db.DatabaseModule;
import io.atrium.common.metrics.ProcessMeters;
import io.atrium.common.metrics.ScrapeAccess;
import io.atrium.migrations.Migrations;
import io.atrium.worker.engine.EngineModule;
import io.atrium.worker.engine.JobEngine;
import io.atrium.worker.metrics.MetricsServer;
import io.atrium.worker.schedule.ScheduleModule;
import io.atrium.worker.schedule.StartupJobs;
import io.atrium.worker.schedule.WorkerScheduler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process: pool, schema check, injector, job engine and Quartz node, stopped in reverse
 * order.
 */
public final class WorkerApplication implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerApplication.class);

  private final ProcessMeters meters;
  private final MetricsServer metricsServer;
  private final Database database;
  private final Injector injector;
  private final JobEngine engine;
  private final WorkerScheduler scheduler;

  private WorkerApplication(
      ProcessMeters meters,
      MetricsServer metricsServer,
      Database database,
      Injector injector,
      JobEngine engine,
      WorkerScheduler scheduler) {
    this.meters = meters;
    this.metricsServer = metricsServer;
    this.database = database;
    this.injector = injector;
    this.engine = engine;
    this.scheduler = scheduler;
  }

  /**
   * Starts everything; throws {@link IllegalStateException} when the schema is not current. {@code
   * features} register handlers and schedules; {@code overrides} replace bindings (tests).
   */
  public static WorkerApplication start(
      AppConfig config, Clock clock, List<Module> features, Module... overrides) {
    ProcessMeters meters = ProcessMeters.start(config.metrics(), "atrium-worker");
    Database database = Database.open(config.database(), "worker", meters.registry());
    JobEngine engine = null;
    MetricsServer metricsServer = null;
    try {
      if (config.metrics().workerPort().isPresent()) {
        metricsServer =
            MetricsServer.start(
                config.metrics().workerPort().getAsInt(),
                meters.prometheus(),
                ScrapeAccess.forWorker(config.metrics()));
      }
      new Migrations(database.dataSource()).requireCurrent();
      List<Module> modules = new ArrayList<>();
      modules.add(new ConfigModule(config, clock));
      modules.add(new DatabaseModule(database.dataSource(), database.jdbi()));
      modules.add(new WorkerModule(meters.prometheus(), meters.registry()));
      modules.add(new EngineModule());
      modules.add(new ScheduleModule());
      modules.addAll(features);
      Injector injector =
          Guice.createInjector(Stage.PRODUCTION, Modules.override(modules).with(overrides));
      engine = injector.getInstance(JobEngine.class);
      engine.start();
      WorkerScheduler scheduler = injector.getInstance(WorkerScheduler.class);
      scheduler.start();
      injector.getInstance(StartupJobs.class).enqueueAll();
      return new WorkerApplication(meters, metricsServer, database, injector, engine, scheduler);
    } catch (SchedulerException e) {
      stopQuietly(engine, metricsServer, database, meters);
      throw new IllegalStateException("the Quartz scheduler cannot start: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      stopQuietly(engine, metricsServer, database, meters);
      throw e;
    }
  }

  public Injector injector() {
    return injector;
  }

  /** The port of WORKER_METRICS_PORT's server, when it runs (0 there picks a free one). */
  public java.util.OptionalInt metricsPort() {
    return metricsServer == null
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(metricsServer.port());
  }

  /**
   * Quartz first (no new engine jobs), then the engine's graceful stop, the last OTLP push and the
   * metrics port, then the pool.
   */
  @Override
  public void close() {
    scheduler.stop();
    engine.stop();
    meters.close();
    if (metricsServer != null) {
      metricsServer.close();
    }
    database.close();
    log.info("worker stopped");
  }

  private static void stopQuietly(
      JobEngine engine, MetricsServer metricsServer, Database database, ProcessMeters meters) {
    if (engine != null) {
      engine.stop();
    }
    if (metricsServer != null) {
      metricsServer.close();
    }
    database.close();
    meters.close();
  }
}
