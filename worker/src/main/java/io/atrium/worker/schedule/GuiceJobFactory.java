package io.atrium.worker.schedule;

import com.google.inject.Injector;
import jakarta.inject.Inject;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds each Quartz job with Guice, so jobs take their dependencies by constructor. */
public final class GuiceJobFactory implements JobFactory {
  private final Injector injector;

  @Inject
  public GuiceJobFactory(Injector injector) {
    this.injector = injector;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    try {
      return injector.getInstance(type);
    } catch (RuntimeException e) {
      throw new SchedulerException("cannot build Quartz job " + type.getName(), e);
    }
  }
}
