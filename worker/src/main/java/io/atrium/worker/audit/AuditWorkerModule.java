package io.atrium.worker.audit;

import com.google.inject.AbstractModule;
import io.atrium.worker.engine.JobHandlers;
import io.atrium.worker.schedule.ScheduleDefinition;
import io.atrium.worker.schedule.Schedules;
import java.time.Duration;

/** The audit log's checkpoints, written on a schedule. */
public final class AuditWorkerModule extends AbstractModule {
  static final Duration CHECKPOINT_INTERVAL = Duration.ofMinutes(1);

  @Override
  protected void configure() {
    JobHandlers.register(binder(), AuditCheckpointHandler.KIND, AuditCheckpointHandler.class);
    Schedules.register(
        binder(),
        ScheduleDefinition.every(
            AuditCheckpointHandler.KIND, CHECKPOINT_INTERVAL, AuditCheckpointHandler.KIND));
  }
}
