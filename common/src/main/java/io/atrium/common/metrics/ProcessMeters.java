package io.atrium.common.metrics;

import io.atrium.common.config.MetricsConfig;
import io.atrium.common.config.MetricsConfig.OtlpExport;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of one process: a Prometheus registry that {@code /metrics} scrapes and, when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, an OTLP registry pushing the same meters every export
 * interval (and once more on close). Without OTLP the Prometheus registry is the registry itself,
 * so the hot paths record into one meter, not a composite.
 */
public final class ProcessMeters implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProcessMeters.class);

  private final PrometheusMeterRegistry prometheus;
  private final MeterRegistry registry;
  private final OtlpMeterRegistry otlp;
  private final JvmGcMetrics gc;

  private ProcessMeters(
      PrometheusMeterRegistry prometheus, MeterRegistry registry, OtlpMeterRegistry otlp) {
    this.prometheus = prometheus;
    this.registry = registry;
    this.otlp = otlp;
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    this.gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** {@code service}: OpenTelemetry's {@code service.name} of this process, such as atrium-web. */
  public static ProcessMeters start(MetricsConfig config, String service) {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (config.otlp().isEmpty()) {
      return new ProcessMeters(prometheus, prometheus, null);
    }
    OtlpExport export = config.otlp().get();
    OtlpMeterRegistry otlp = new OtlpMeterRegistry(otlpConfig(export, service), Clock.SYSTEM);
    log.info(
        "pushing metrics by OTLP to {} every {} s",
        export.metricsUrl(),
        export.interval().toSeconds());
    return new ProcessMeters(
        prometheus, new CompositeMeterRegistry(Clock.SYSTEM, List.of(prometheus, otlp)), otlp);
  }

  /** Where meters are registered and recorded. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The registry {@code /metrics} scrapes. */
  public PrometheusMeterRegistry prometheus() {
    return prometheus;
  }

  /** Pushes a last time (the OTLP registry publishes on close) and stops the push thread. */
  @Override
  public void close() {
    if (otlp != null) {
      otlp.close();
    }
    gc.close();
  }

  static OtlpConfig otlpConfig(OtlpExport export, String service) {
    // Everything from AppConfig: Micrometer's defaults would read the process environment.
    return new OtlpConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public String url() {
        return export.metricsUrl().toString();
      }

      @Override
      public Map<String, String> headers() {
        return export.headers();
      }

      @Override
      public Duration step() {
        return export.interval();
      }

      @Override
      public Map<String, String> resourceAttributes() {
        return Map.of("service.name", service);
      }
    };
  }
}
