package io.atrium.worker.notification;

import com.google.inject.AbstractModule;
import io.atrium.common.notification.NotificationService;
import io.atrium.worker.engine.JobHandlers;

/** The worker side of notifications. */
public final class NotificationWorkerModule extends AbstractModule {
  @Override
  protected void configure() {
    JobHandlers.register(
        binder(), NotificationService.FAN_OUT_JOB, NotificationFanOutHandler.class);
  }
}
