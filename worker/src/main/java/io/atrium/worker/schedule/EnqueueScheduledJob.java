package io.atrium.worker.schedule;

import io.atrium.common.db.UnitOfWork;
import io.atrium.common.jobs.JobOptions;
import io.atrium.common.jobs.JobQueue;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only Quartz job: it enqueues the schedule's engine job and does no work itself, so the work
 * gets the engine's retries, leases and metrics. The idempotency key names the slot, so a slot
 * fired twice (a misfire recovery racing a late node) still yields one engine job.
 */
public final class EnqueueScheduledJob implements Job {
  static final String JOB_KIND = "job_kind";
  static final String QUEUE = "queue";

  /** Ahead of ordinary work (priority 100): maintenance should not wait behind a backlog. */
  static final int PRIORITY = 10;

  /** The next slot comes soon anyway; a scheduled run is not retried for long. */
  static final int MAX_ATTEMPTS = 3;

  private static final Logger log = LoggerFactory.getLogger(EnqueueScheduledJob.class);

  private final UnitOfWork work;
  private final JobQueue jobQueue;

  @Inject
  public EnqueueScheduledJob(UnitOfWork work, JobQueue jobQueue) {
    this.work = work;
    this.jobQueue = jobQueue;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    String schedule = context.getJobDetail().getKey().getName();
    JobDataMap data = context.getMergedJobDataMap();
    Instant slot = context.getScheduledFireTime().toInstant();
    String kind = data.getString(JOB_KIND);
    JobOptions options =
        JobOptions.defaults()
            .queue(data.getString(QUEUE))
            .priority(PRIORITY)
            .maxAttempts(MAX_ATTEMPTS)
            .idempotencyKey(slotKey(schedule, slot));
    try {
      long id =
          work.withHandle(
              handle ->
                  jobQueue.enqueue(
                      handle, kind, Map.of("schedule", schedule, "slot", slot), options));
      log.debug("schedule {} enqueued job {} ({}) for {}", schedule, id, kind, slot);
    } catch (RuntimeException e) {
      // This slot is lost; the next one comes at its time.
      throw new JobExecutionException("schedule " + schedule + " could not enqueue " + kind, e);
    }
  }

  static String slotKey(String schedule, Instant slot) {
    return "schedule:" + schedule + ":" + slot.getEpochSecond();
  }
}
