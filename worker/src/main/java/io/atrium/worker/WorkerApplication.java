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
import io.atrium.migrations.Migrations;
import io.atrium.worker.engine.EngineModule;
import io.atrium.worker.engine.JobEngine;
import io.atrium.worker.schedule.ScheduleModule;
import io.atrium.worker.schedule.WorkerScheduler;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

  private final Database database;
  private final Injector injector;
  private final JobEngine engine;
  private final WorkerScheduler scheduler;

  private WorkerApplication(
      Database database, Injector injector, JobEngine engine, WorkerScheduler scheduler) {
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
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Database database = Database.open(config.database(), "worker", registry);
    JobEngine engine = null;
    try {
      new Migrations(database.dataSource()).requireCurrent();
      List<Module> modules = new ArrayList<>();
      modules.add(new ConfigModule(config, clock));
      modules.add(new DatabaseModule(database.dataSource(), database.jdbi()));
      modules.add(new WorkerModule(registry));
      modules.add(new EngineModule());
      modules.add(new ScheduleModule());
      modules.addAll(features);
      Injector injector =
          Guice.createInjector(Stage.PRODUCTION, Modules.override(modules).with(overrides));
      engine = injector.getInstance(JobEngine.class);
      engine.start();
      WorkerScheduler scheduler = injector.getInstance(WorkerScheduler.class);
      scheduler.start();
      return new WorkerApplication(database, injector, engine, scheduler);
    } catch (SchedulerException e) {
      stopQuietly(engine);
      database.close();
      throw new IllegalStateException("the Quartz scheduler cannot start: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      stopQuietly(engine);
      database.close();
      throw e;
    }
  }

  public Injector injector() {
    return injector;
  }

  /** Quartz first (no new engine jobs), then the engine's graceful stop, then the pool. */
  @Override
  public void close() {
    scheduler.stop();
    engine.stop();
    database.close();
    log.info("worker stopped");
  }

  private static void stopQuietly(JobEngine engine) {
    if (engine != null) {
      engine.stop();
    }
  }
}
