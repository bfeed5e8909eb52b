package io.atrium.worker.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.atrium.common.config.WorkerConfig;
import io.atrium.worker.schedule.ScheduleDefinition;
import io.atrium.worker.schedule.Schedules;
import jakarta.inject.Singleton;

/** The engine, its own maintenance handlers and their schedules. */
public final class EngineModule extends AbstractModule {
  /** Hourly, off the top of the hour when other periodic work tends to pile up. */
  static final String PRUNE_CRON = "0 7 * * * ?";

  @Override
  protected void configure() {
    JobHandlers.binder(binder());
    Schedules.binder(binder());
    JobHandlers.register(
        binder(), RescueExpiredLeasesHandler.KIND, RescueExpiredLeasesHandler.class);
    JobHandlers.register(binder(), PruneJobsHandler.KIND, PruneJobsHandler.class);
    Schedules.register(
        binder(),
        ScheduleDefinition.cron(PruneJobsHandler.KIND, PRUNE_CRON, PruneJobsHandler.KIND));
  }

  @Provides
  @Singleton
  EngineSettings settings(WorkerConfig config) {
    return EngineSettings.defaults(config);
  }

  /** Its interval follows the lease settings, so it is provided rather than registered. */
  @ProvidesIntoSet
  ScheduleDefinition rescueSchedule(EngineSettings settings) {
    return ScheduleDefinition.every(
        RescueExpiredLeasesHandler.KIND,
        settings.rescueInterval(),
        RescueExpiredLeasesHandler.KIND);
  }
}
