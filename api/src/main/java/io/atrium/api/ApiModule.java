package io.atrium.api;

import com.google.inject.AbstractModule;
import io.atrium.migrations.Migrations.SchemaCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The web process's infrastructure bindings: metrics and the schema check. */
final class ApiModule extends AbstractModule {
  private final PrometheusMeterRegistry registry;
  private final SchemaCheck schemaCheck;

  ApiModule(PrometheusMeterRegistry registry, SchemaCheck schemaCheck) {
    this.registry = registry;
    this.schemaCheck = schemaCheck;
  }

  @Override
  protected void configure() {
    bind(PrometheusMeterRegistry.class).toInstance(registry);
    bind(MeterRegistry.class).toInstance(registry);
    bind(SchemaCheck.class).toInstance(schemaCheck);
  }
}
