package io.atrium.worker.provider;

import com.google.inject.AbstractModule;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.provider.catalog.CatalogSyncJob;
import io.atrium.worker.engine.JobHandlers;
import io.atrium.worker.schedule.ScheduleDefinition;
import io.atrium.worker.schedule.Schedules;
import io.atrium.worker.schedule.StartupJob;
import io.atrium.worker.schedule.StartupJobs;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;

/** The provider jobs: the catalog sync, every 6 hours and at each worker's start. */
public final class ProviderWorkerModule extends AbstractModule {
  /**
   * At 00:17, 06:17, 12:17 and 18:17 UTC: off the round hours, and not at once when the schedule is
   * first stored, where the start-up sync already runs.
   */
  static final String CATALOG_SYNC_CRON = "0 17 0/6 * * ?";

  @Override
  protected void configure() {
    JobHandlers.register(binder(), CatalogSyncHandler.KIND, CatalogSyncHandler.class);
    Schedules.register(
        binder(),
        ScheduleDefinition.cron(
            CatalogSyncHandler.KIND, CATALOG_SYNC_CRON, CatalogSyncHandler.KIND));
    StartupJobs.register(binder(), CatalogSyncAtStart.class);
  }

  /** The on-demand sync, once however many workers start together (its idempotency key). */
  static final class CatalogSyncAtStart implements StartupJob {
    private final JobQueue jobs;

    @Inject
    CatalogSyncAtStart(JobQueue jobs) {
      this.jobs = jobs;
    }

    @Override
    public String name() {
      return CatalogSyncJob.KIND;
    }

    @Override
    public long enqueue(Handle handle) {
      return CatalogSyncJob.enqueue(jobs, handle, "worker_start");
    }
  }
}
