package io.atrium.worker.schedule;

import org.jdbi.v3.core.Handle;

/**
 * A job enqueued each time a worker starts (besides any schedule of its kind). It should carry an
 * idempotency key, so that many workers starting together enqueue it once. Register one with {@link
 * StartupJobs#register}.
 */
public interface StartupJob {
  /** For the logs. */
  String name();

  /** Enqueues the job in {@code handle}'s transaction; returns its id (or the live one's). */
  long enqueue(Handle handle);
}
