package io.atrium.worker;

import com.google.inject.AbstractModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The worker process's infrastructure bindings: metrics. */
public final class WorkerModule extends AbstractModule {
  private final PrometheusMeterRegistry registry;

  public WorkerModule(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void configure() {
    bind(PrometheusMeterRegistry.class).toInstance(registry);
    bind(MeterRegistry.class).toInstance(registry);
  }
}
