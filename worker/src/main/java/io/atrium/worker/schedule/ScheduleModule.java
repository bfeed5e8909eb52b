package io.atrium.worker.schedule;

import com.google.inject.AbstractModule;

/**
 * Quartz wiring; the schedules themselves come from the feature modules through {@link Schedules}.
 */
public final class ScheduleModule extends AbstractModule {
  @Override
  protected void configure() {
    Schedules.binder(binder());
    StartupJobs.binder(binder());
    bind(QuartzSettings.class).toInstance(QuartzSettings.defaults());
  }
}
