package io.atrium.common.jobs;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Placeholder with the job engine's API, so that the mail branch compiles on its own. The job
 * engine's JobQueue replaces this file when the branches merge.
 */
public class JobQueue {
  public long enqueue(Handle handle, String kind, Object args, JobOptions options) {
    throw new UnsupportedOperationException("the job engine's JobQueue replaces this placeholder");
  }

  public List<Long> enqueueBatch(Handle handle, List<NewJob> jobs) {
    throw new UnsupportedOperationException("the job engine's JobQueue replaces this placeholder");
  }
}
