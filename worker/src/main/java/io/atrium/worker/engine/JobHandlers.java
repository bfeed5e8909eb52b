package io.atrium.worker.engine;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;

/** Registers a Guice-built handler for a job kind, from any feature's worker module. */
public final class JobHandlers {
  private JobHandlers() {}

  public static void register(Binder binder, String kind, Class<? extends JobHandler> handler) {
    MapBinder.newMapBinder(binder, String.class, JobHandler.class).addBinding(kind).to(handler);
  }

  public static MapBinder<String, JobHandler> binder(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, JobHandler.class);
  }
}
