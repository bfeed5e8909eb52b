package io.atrium.worker.schedule;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;
import io.atrium.common.db.UnitOfWork;
import jakarta.inject.Inject;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs a worker enqueues once as it starts, after its schedules. One that cannot be enqueued is
 * logged and left to its schedule: a worker does not refuse to start for it.
 */
public final class StartupJobs {
  private static final Logger log = LoggerFactory.getLogger(StartupJobs.class);

  private final UnitOfWork work;
  private final Set<StartupJob> jobs;

  @Inject
  public StartupJobs(UnitOfWork work, Set<StartupJob> jobs) {
    this.work = work;
    this.jobs = jobs;
  }

  public static void register(Binder binder, Class<? extends StartupJob> job) {
    binder(binder).addBinding().to(job);
  }

  public static Multibinder<StartupJob> binder(Binder binder) {
    return Multibinder.newSetBinder(binder, StartupJob.class);
  }

  public void enqueueAll() {
    for (StartupJob job : jobs) {
      try {
        long id = work.inTransaction(job::enqueue);
        log.info("start-up job {} enqueued: job {}", job.name(), id);
      } catch (RuntimeException e) {
        log.warn(
            "start-up job {} not enqueued, its schedule will run it: {}", job.name(), e.toString());
      }
    }
  }
}
