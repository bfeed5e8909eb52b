package io.atrium.common.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small OTLP/HTTP collector for tests: accepts {@code POST /v1/metrics} with a protobuf {@code
 * ExportMetricsServiceRequest}, as an OpenTelemetry collector does, and keeps the names of the
 * metrics received with the {@code service.name} they came from.
 */
public final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Set<String>> metricsByService = new HashMap<>();
  private final List<Map<String, String>> headers = new ArrayList<>();

  public OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/metrics", this::receive);
    server.start();
  }

  /** The value of OTEL_EXPORTER_OTLP_ENDPOINT that reaches this receiver. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Waits until a push from {@code service} has carried {@code metric}; false when none did within
   * {@code limit}.
   */
  public synchronized boolean awaitMetric(String service, String metric, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!metricsByService.getOrDefault(service, Set.of()).contains(metric)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  public synchronized Set<String> metrics(String service) {
    return Set.copyOf(metricsByService.getOrDefault(service, Set.of()));
  }

  /** The headers of each request received, names in lower case. */
  public synchronized List<Map<String, String>> requestHeaders() {
    return List.copyOf(headers);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")
          || !"application/x-protobuf"
              .equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      ExportMetricsServiceRequest request;
      try (InputStream body = exchange.getRequestBody()) {
        request = ExportMetricsServiceRequest.parseFrom(body);
      }
      record(request, exchange);
      byte[] answer = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private synchronized void record(ExportMetricsServiceRequest request, HttpExchange exchange) {
    Map<String, String> received = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> received.put(name.toLowerCase(), String.join(",", values)));
    headers.add(received);
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      String service =
          resource.getResource().getAttributesList().stream()
              .filter(attribute -> attribute.getKey().equals("service.name"))
              .map(KeyValue::getValue)
              .map(value -> value.getStringValue())
              .findFirst()
              .orElse("");
      Set<String> names = metricsByService.computeIfAbsent(service, key -> new HashSet<>());
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          names.add(metric.getName());
        }
      }
    }
    notifyAll();
  }
}
