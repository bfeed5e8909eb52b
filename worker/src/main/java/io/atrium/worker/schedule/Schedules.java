package io.atrium.worker.schedule;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/** Adds a schedule from any feature's worker module: one line per schedule. */
public final class Schedules {
  private Schedules() {}

  public static void register(Binder binder, ScheduleDefinition definition) {
    binder(binder).addBinding().toInstance(definition);
  }

  public static Multibinder<ScheduleDefinition> binder(Binder binder) {
    return Multibinder.newSetBinder(binder, ScheduleDefinition.class);
  }
}
