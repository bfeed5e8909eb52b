package io.atrium.worker.bench;

import com.google.inject.AbstractModule;
import io.atrium.worker.engine.JobHandlers;

/** The benchmark's job kind; never part of the production worker. */
public final class BenchModule extends AbstractModule {
  public static final String NOOP = "bench.noop";

  @Override
  protected void configure() {
    JobHandlers.binder(binder()).addBinding(NOOP).toInstance(job -> {});
  }
}
