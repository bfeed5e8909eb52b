package io.atrium.worker.schedule;

import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import java.util.HashSet;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronTrigger;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the stored Quartz schedules match the definitions of this build: adds the new, replaces the
 * changed, deletes those no longer defined. An unchanged schedule is left alone, so a worker
 * restart does not shift its next fire time.
 */
final class ScheduleSync {
  static final String GROUP = "atrium";
  private static final Logger log = LoggerFactory.getLogger(ScheduleSync.class);
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private final Scheduler scheduler;

  ScheduleSync(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void apply(Set<ScheduleDefinition> definitions) throws SchedulerException {
    Set<String> names = new HashSet<>();
    for (ScheduleDefinition definition : definitions) {
      if (!names.add(definition.name())) {
        throw new IllegalStateException("two schedules are named " + definition.name());
      }
      if (!isStored(definition)) {
        JobDetail job = job(definition);
        scheduler.scheduleJob(job, Set.of(trigger(definition, job.getKey())), true);
        log.info("schedule stored: {}", definition.describe());
      }
    }
    for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!names.contains(key.getName())) {
        scheduler.deleteJob(key);
        log.info("schedule {} deleted: this build no longer defines it", key.getName());
      }
    }
  }

  private boolean isStored(ScheduleDefinition definition) throws SchedulerException {
    JobDetail job = scheduler.getJobDetail(JobKey.jobKey(definition.name(), GROUP));
    Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(definition.name(), GROUP));
    if (job == null || trigger == null) {
      return false;
    }
    JobDataMap data = job.getJobDataMap();
    if (!definition.jobKind().equals(data.getString(EnqueueScheduledJob.JOB_KIND))
        || !definition.queue().equals(data.getString(EnqueueScheduledJob.QUEUE))) {
      return false;
    }
    if (definition.cron() != null) {
      return trigger instanceof CronTrigger cron
          && cron.getCronExpression().equals(definition.cron())
          && cron.getTimeZone().hasSameRules(UTC);
    }
    return trigger instanceof SimpleTrigger simple
        && simple.getRepeatInterval() == definition.interval().toMillis();
  }

  private static JobDetail job(ScheduleDefinition definition) {
    return newJob(EnqueueScheduledJob.class)
        .withIdentity(definition.name(), GROUP)
        .withDescription(definition.describe())
        .usingJobData(EnqueueScheduledJob.JOB_KIND, definition.jobKind())
        .usingJobData(EnqueueScheduledJob.QUEUE, definition.queue())
        .storeDurably()
        .build();
  }

  /** A missed slot (every node down) is not caught up: maintenance runs at its next slot. */
  private static Trigger trigger(ScheduleDefinition definition, JobKey job) {
    if (definition.cron() != null) {
      return newTrigger()
          .withIdentity(definition.name(), GROUP)
          .forJob(job)
          .withSchedule(
              cronSchedule(definition.cron())
                  .inTimeZone(UTC)
                  .withMisfireHandlingInstructionDoNothing())
          .build();
    }
    return newTrigger()
        .withIdentity(definition.name(), GROUP)
        .forJob(job)
        .startNow()
        .withSchedule(
            simpleSchedule()
                .withIntervalInMilliseconds(definition.interval().toMillis())
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
