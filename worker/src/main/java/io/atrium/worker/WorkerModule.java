package io.atrium.worker;

import com.google.inject.AbstractModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The worker process's infrastructure bindings: metrics. */
public final class WorkerModule extends AbstractModule {
  private final PrometheusMeterRegistry prometheus;
  private final MeterRegistry registry;

  /** {@code registry} records; {@code prometheus}, one of its registries, is scraped. */
  public WorkerModule(PrometheusMeterRegistry prometheus, MeterRegistry registry) {
    this.prometheus = prometheus;
    this.registry = registry;
  }

  public WorkerModule(PrometheusMeterRegistry registry) {
    this(registry, registry);
  }

  @Override
  protected void configure() {
    bind(PrometheusMeterRegistry.class).toInstance(prometheus);
    bind(MeterRegistry.class).toInstance(registry);
  }
}
