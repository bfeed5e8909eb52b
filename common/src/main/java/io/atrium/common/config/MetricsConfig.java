package io.atrium.common.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who may read the metrics and where they go: the web's {@code /metrics} (open in development,
 * behind {@code METRICS_TOKEN} in production), the worker's own port, and an OTLP endpoint both
 * processes push to.
 */
public record MetricsConfig(
    boolean production,
    Optional<String> scrapeToken,
    OptionalInt workerPort,
    Optional<OtlpExport> otlp) {

  static final int MIN_TOKEN_LENGTH = 16;

  /** OTLP/HTTP export: {@code metricsUrl} is the endpoint's {@code /v1/metrics}. */
  public record OtlpExport(URI metricsUrl, Map<String, String> headers, Duration interval) {
    public OtlpExport {
      headers = Map.copyOf(headers);
    }
  }

  /** Whether {@code /metrics} may be read: open in development unless a token is set. */
  public boolean scrapeOpen() {
    return !production && scrapeToken.isEmpty();
  }

  static MetricsConfig load(Env env, boolean production) {
    Optional<String> token = env.optional("METRICS_TOKEN");
    if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
      throw new ConfigException(
          "METRICS_TOKEN", "must be at least " + MIN_TOKEN_LENGTH + " characters long");
    }
    OptionalInt workerPort =
        env.optional("WORKER_METRICS_PORT").isPresent()
            ? OptionalInt.of(env.integer("WORKER_METRICS_PORT", 0, 0, 65535))
            : OptionalInt.empty();
    Optional<OtlpExport> otlp =
        env.optional("OTEL_EXPORTER_OTLP_ENDPOINT")
            .map(
                endpoint ->
                    new OtlpExport(
                        URI.create(
                            env.httpUrl("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint) + "/v1/metrics"),
                        headers(env.optional("OTEL_EXPORTER_OTLP_HEADERS").orElse("")),
                        Duration.ofMillis(
                            env.integer("OTEL_METRIC_EXPORT_INTERVAL", 60_000, 1_000, 3_600_000))));
    return new MetricsConfig(production, token, workerPort, otlp);
  }

  /** OpenTelemetry's form: {@code key=value} pairs, comma-separated, values URL-encoded. */
  static Map<String, String> headers(String raw) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String pair : raw.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException(
            "OTEL_EXPORTER_OTLP_HEADERS", "must be key=value pairs separated by commas");
      }
      try {
        headers.put(
            pair.substring(0, equals).trim(),
            URLDecoder.decode(pair.substring(equals + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "OTEL_EXPORTER_OTLP_HEADERS", "has a value that is not URL-encoded");
      }
    }
    return headers;
  }
}
