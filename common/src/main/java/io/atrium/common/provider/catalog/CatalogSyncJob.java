package io.atrium.common.provider.catalog;

import io.atrium.common.jobs.JobOptions;
import io.atrium.common.jobs.JobQueue;
import org.jdbi.v3.core.Handle;

/**
 * The {@code provider.catalog_sync} job, shared by those who enqueue it (the admin route, the
 * worker's start) and its handler. An on-demand sync carries one idempotency key, so that any
 * number of requests or starting workers while one is queued or running yield that one job; the
 * Quartz schedule enqueues its own, keyed by its slot.
 */
public final class CatalogSyncJob {
  public static final String KIND = "provider.catalog_sync";

  /** At most one live on-demand sync. */
  static final String ON_DEMAND_KEY = KIND + ":on-demand";

  /** A sync that fails on every attempt is overtaken by the next schedule slot anyway. */
  static final int MAX_ATTEMPTS = 3;

  /** Why the sync was asked for: {@code admin} or {@code worker_start}; for the logs only. */
  public record Args(String reason) {}

  private CatalogSyncJob() {}

  /** Enqueues an on-demand sync in {@code handle}'s transaction; the live one's id if any. */
  public static long enqueue(JobQueue jobs, Handle handle, String reason) {
    return jobs.enqueue(
        handle,
        KIND,
        new Args(reason),
        JobOptions.defaults().maxAttempts(MAX_ATTEMPTS).idempotencyKey(ON_DEMAND_KEY));
  }
}
