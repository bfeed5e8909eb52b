package io.atrium.worker.provider;

import io.atrium.common.provider.catalog.CatalogSync;
import io.atrium.common.provider.catalog.CatalogSyncJob;
import io.atrium.worker.engine.JobContext;
import io.atrium.worker.engine.JobHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value CatalogSyncJob#KIND}: the mock catalog, then Scaleway's zones with the platform's
 * credentials (skipped with one line when they are unset). Runs outside any transaction: each
 * zone's provider calls come before its own short transaction. A failing zone keeps its rows and
 * does not fail the job: the next run tries it again, and retrying the whole sync at once would
 * only call the zones that worked again.
 */
public final class CatalogSyncHandler implements JobHandler {
  public static final String KIND = CatalogSyncJob.KIND;
  private static final Logger log = LoggerFactory.getLogger(CatalogSyncHandler.class);

  private final CatalogSync sync;

  @Inject
  public CatalogSyncHandler(CatalogSync sync) {
    this.sync = sync;
  }

  @Override
  public void handle(JobContext job) {
    CatalogSync.Report report = sync.run();
    if (report.failedZones().isEmpty()) {
      log.info("catalog sync done: {} zones", report.zones().size());
    } else {
      log.warn(
          "catalog sync done: {} zones, left as they were: {}",
          report.zones().size(),
          report.failedZones().stream().map(zone -> zone.provider() + " " + zone.zone()).toList());
    }
  }
}
