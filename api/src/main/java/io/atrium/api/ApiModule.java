package io.atrium.api;

import com.google.inject.AbstractModule;
import io.atrium.common.metrics.ProcessMeters;
import io.atrium.migrations.Migrations.SchemaCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The web process's infrastructure bindings: metrics and the schema check. */
final class ApiModule extends AbstractModule {
  private final ProcessMeters meters;
  private final SchemaCheck schemaCheck;

  ApiModule(ProcessMeters meters, SchemaCheck schemaCheck) {
    this.meters = meters;
    this.schemaCheck = schemaCheck;
  }

  @Override
  protected void configure() {
    bind(PrometheusMeterRegistry.class).toInstance(meters.prometheus());
    bind(MeterRegistry.class).toInstance(meters.registry());
    bind(SchemaCheck.class).toInstance(schemaCheck);
  }
}
