package io.atrium.worker.maintenance;

import com.google.inject.AbstractModule;
import io.atrium.common.account.LoginLimits;
import io.atrium.worker.engine.JobHandlers;
import io.atrium.worker.schedule.ScheduleDefinition;
import io.atrium.worker.schedule.Schedules;

/** Housekeeping of tables that only grow otherwise. */
public final class MaintenanceWorkerModule extends AbstractModule {
  /** Every quarter of an hour, off the round minutes the other schedules favour. */
  static final String PRUNE_RATE_LIMITS_CRON = "0 4/15 * * * ?";

  @Override
  protected void configure() {
    bind(LoginLimits.class).toInstance(LoginLimits.production());
    JobHandlers.register(binder(), PruneRateLimitsHandler.KIND, PruneRateLimitsHandler.class);
    Schedules.register(
        binder(),
        ScheduleDefinition.cron(
            PruneRateLimitsHandler.KIND, PRUNE_RATE_LIMITS_CRON, PruneRateLimitsHandler.KIND));
  }
}
