package io.atrium.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atrium.common.metrics.ScrapeAccess;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WORKER_METRICS_PORT: the worker's {@code /metrics} (Prometheus text) and {@code /health}, on the
 * JDK's own HTTP server, for platforms where workers have ports. One thread: a scrape is a read of
 * values in memory.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static MetricsServer start(
      int port, PrometheusMeterRegistry registry, ScrapeAccess access) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new IllegalStateException(
          "WORKER_METRICS_PORT " + port + " cannot be opened: " + e.getMessage(), e);
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "worker-metrics-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> answer(exchange, registry, access));
    server.start();
    log.info("worker metrics on http://localhost:{}/metrics", server.getAddress().getPort());
    return new MetricsServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void answer(
      HttpExchange exchange, PrometheusMeterRegistry registry, ScrapeAccess access)
      throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean known = path.equals("/metrics") || path.equals("/health");
      if (!known) {
        problem(exchange, 404, "not_found", "Not Found", "This port serves /metrics and /health.");
      } else if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        problem(exchange, 405, "method_not_allowed", "Method Not Allowed", "Only GET.");
      } else if (path.equals("/health")) {
        send(exchange, 200, "application/json", "{\"status\":\"ok\"}");
      } else {
        switch (access.decide(exchange.getRequestHeaders().getFirst("Authorization"))) {
          case ALLOW -> send(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
          case UNAUTHORIZED -> {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            problem(
                exchange,
                401,
                "unauthorized",
                "Unauthorized",
                "Send Authorization: Bearer followed by the METRICS_TOKEN.");
          }
          case HIDDEN -> problem(exchange, 404, "not_found", "Not Found", "There is nothing here.");
        }
      }
    } catch (UncheckedIOException e) {
      log.debug("a metrics request ended early: {}", e.getMessage());
    }
  }

  private static void problem(
      HttpExchange exchange, int status, String code, String title, String detail)
      throws IOException {
    send(
        exchange,
        status,
        "application/problem+json",
        "{\"type\":\"https://atrium.dev/problems/"
            + code
            + "\",\"title\":\""
            + title
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\",\"code\":\""
            + code
            + "\"}");
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
