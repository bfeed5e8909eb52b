package io.atrium.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.testing.OtlpReceiver;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.TestWorkers;
import io.atrium.worker.WorkerApplication;
import io.atrium.worker.engine.EngineSettings;
import io.atrium.worker.engine.JobHandlers;
import io.atrium.worker.engine.JobRows;
import io.atrium.worker.engine.PermanentJobFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's meters as an operator reads them: scraped on WORKER_METRICS_PORT, and pushed by
 * OTLP/HTTP to a collector (a small receiver in the test).
 */
class WorkerTelemetryIT {
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final String TOKEN = "metrics-token-of-the-worker-test";

  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void clean() {
    database.clean();
  }

  @Test
  void theMetricsPortServesTheJobMetersPoolAndJvmBehindTheToken() throws Exception {
    try (WorkerApplication worker =
        start(Map.of("WORKER_METRICS_PORT", "0", "METRICS_TOKEN", TOKEN))) {
      runOneJobOfEachOutcome(worker);
      int port = worker.metricsPort().orElseThrow();

      assertThat(get(port, "/health", null).body()).isEqualTo("{\"status\":\"ok\"}");
      HttpResponse<String> anonymous = get(port, "/metrics", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("Content-Type"))
          .contains("application/problem+json");
      assertThat(anonymous.body()).contains("\"code\":\"unauthorized\"");
      assertThat(get(port, "/metrics", "Bearer not-the-token-at-all").statusCode()).isEqualTo(401);
      assertThat(get(port, "/elsewhere", "Bearer " + TOKEN).statusCode()).isEqualTo(404);

      JobRows.await(
          "the queue gauges",
          LIMIT,
          () -> scrape(port).contains("atrium_jobs_queue_depth{queue=\"default\"}"));
      String scrape = scrape(port);
      assertThat(scrape)
          .contains("atrium_jobs_claimed_total{kind=\"test.ok\"} 1")
          .contains("atrium_jobs_claimed_total{kind=\"test.refused\"} 1")
          .contains("atrium_jobs_latency_seconds_count{kind=\"test.ok\",outcome=\"completed\"} 1")
          .contains(
              "atrium_jobs_latency_seconds_count{kind=\"test.refused\",outcome=\"discarded\"} 1")
          .contains("atrium_jobs_failures_total{kind=\"test.refused\",outcome=\"discarded\"} 1")
          .contains("atrium_jobs_in_flight")
          .contains("hikaricp_connections{pool=\"worker\"}")
          .contains("jvm_memory_used_bytes")
          // the GC's meters (the pause timer shows only once a collection has happened)
          .contains("jvm_gc_");
    }
  }

  @Test
  void withAnOtlpEndpointTheWorkerPushesItsMeters() throws Exception {
    try (OtlpReceiver collector = new OtlpReceiver()) {
      try (WorkerApplication worker =
          start(
              Map.of(
                  "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                  "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Basic%20c2VjcmV0",
                  "OTEL_METRIC_EXPORT_INTERVAL", "1000"))) {
        runOneJobOfEachOutcome(worker);

        assertThat(collector.awaitMetric("atrium-worker", "atrium.jobs.claimed", LIMIT))
            .as("atrium.jobs.claimed pushed; received %s", collector.metrics("atrium-worker"))
            .isTrue();
        assertThat(worker.metricsPort()).isEmpty();
      }
      assertThat(collector.metrics("atrium-worker"))
          .contains("atrium.jobs.latency", "hikaricp.connections", "jvm.memory.used");
      assertThat(collector.requestHeaders())
          .allSatisfy(
              headers -> assertThat(headers).containsEntry("authorization", "Basic c2VjcmV0"));
    }
  }

  private void runOneJobOfEachOutcome(WorkerApplication worker) {
    JobQueue queue = worker.injector().getInstance(JobQueue.class);
    long ok = jdbi.inTransaction(h -> queue.enqueue(h, "test.ok", Map.of()));
    long refused = jdbi.inTransaction(h -> queue.enqueue(h, "test.refused", Map.of()));
    JobRows.await(
        "both jobs",
        LIMIT,
        () ->
            JobRows.find(jdbi, ok).state().equals("completed")
                && JobRows.find(jdbi, refused).state().equals("discarded"));
  }

  private WorkerApplication start(Map<String, String> environment) {
    Module handlers =
        binder -> {
          JobHandlers.binder(binder).addBinding("test.ok").toInstance(job -> {});
          JobHandlers.binder(binder)
              .addBinding("test.refused")
              .toInstance(
                  job -> {
                    throw new PermanentJobFailure("refused");
                  });
        };
    Module fast =
        binder ->
            binder
                .bind(EngineSettings.class)
                .toInstance(TestWorkers.fastSettings("telemetry-it", 2));
    return WorkerApplication.start(
        TestWorkers.config(database.jdbcUrl(), 2, environment),
        Clock.systemUTC(),
        List.of(handlers),
        fast);
  }

  private String scrape(int port) {
    try {
      HttpResponse<String> response = get(port, "/metrics", "Bearer " + TOKEN);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      return response.body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
