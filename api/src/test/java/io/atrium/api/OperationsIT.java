package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.MutableClock;
import io.atrium.api.support.TestApp;
import io.atrium.common.config.AppConfig;
import io.atrium.common.config.DevFiles;
import io.atrium.common.testing.OtlpReceiver;
import io.atrium.migrations.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator meets: who may read /metrics, the OTLP push, and the request id on jobs. */
class OperationsIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void inProductionMetricsAnswerOnlyTheBearerOfTheMetricsToken() {
    Response anonymous = app.http().get("/metrics");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.problemCode()).isEqualTo("unauthorized");
    assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
    for (String wrong :
        new String[] {
          "wrong-token", TestApp.METRICS_TOKEN + "x", TestApp.METRICS_TOKEN.substring(1), ""
        }) {
      Response response = app.http().token(wrong).get("/metrics");
      assertThat(response.status()).as("token '%s'", wrong).isEqualTo(401);
      assertThat(response.problemCode()).isEqualTo("unauthorized");
    }
    assertThat(
            app.http()
                .header("Authorization", "Basic " + TestApp.METRICS_TOKEN)
                .get("/metrics")
                .status())
        .isEqualTo(401);

    Response scrape = app.http().token(TestApp.METRICS_TOKEN).get("/metrics");
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.header("Content-Type")).startsWith("text/plain");
    assertThat(scrape.body()).contains("http_server_requests_seconds_count");
  }

  @Test
  void inProductionWithoutAMetricsTokenTheRouteIsNotThere() {
    try (TestApp closed = TestApp.start(Map.of("METRICS_TOKEN", ""))) {
      Response metrics = closed.http().get("/metrics");
      Response unknown = closed.http().get("/no-such-route");
      assertThat(metrics.status()).isEqualTo(404).isEqualTo(unknown.status());
      assertThat(metrics.problemCode()).isEqualTo("not_found").isEqualTo(unknown.problemCode());
      assertThat(closed.http().token(TestApp.METRICS_TOKEN).get("/metrics").status())
          .isEqualTo(404);
    }
  }

  @Test
  void inDevelopmentMetricsAreOpen() throws Exception {
    DevFiles devFiles = new DevFiles(Files.createTempDirectory("atrium-dev-var"));
    devFiles.writeDatabaseUrl(TestDatabase.get().jdbcUrl());
    AppConfig development = AppConfig.load(Map.of("PORT", "0"), devFiles);
    assertThat(development.production()).isFalse();
    try (ApiApplication web = ApiApplication.start(development, new MutableClock())) {
      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void withAnOtlpEndpointTheWebProcessPushesItsMeters() throws Exception {
    try (OtlpReceiver collector = new OtlpReceiver();
        TestApp pushing =
            TestApp.start(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    collector.endpoint(),
                    "OTEL_METRIC_EXPORT_INTERVAL",
                    "1000"))) {
      pushing.http().get("/health");

      assertThat(
              collector.awaitMetric("atrium-web", "http.server.requests", Duration.ofSeconds(30)))
          .as("pushed: %s", collector.metrics("atrium-web"))
          .isTrue();
      assertThat(collector.metrics("atrium-web"))
          .contains("jvm.memory.used", "hikaricp.connections");
      // the scrape still works beside the push
      assertThat(pushing.http().token(TestApp.METRICS_TOKEN).get("/metrics").body())
          .contains("route=\"/health\"");
    }
  }

  @Test
  void aJobKeepsTheIdOfTheRequestThatEnqueuedIt() {
    String email = "request-id@example.com";
    Http http = app.http().header("X-Request-Id", "req-register-000123");
    Response registered =
        http.post(
            "/api/v1/auth/register",
            Map.of("email", email, "password", "a long enough password", "display_name", "R"));
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.header("X-Request-Id")).isEqualTo("req-register-000123");

    String stored =
        app.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT request_id FROM jobs WHERE kind = 'mail.send'"
                                + " AND args->>'to' = :to")
                        .bind("to", email)
                        .mapTo(String.class)
                        .one());
    assertThat(stored).isEqualTo("req-register-000123");

    // an id the API does not accept is replaced, and the job keeps the replacement
    Response other =
        app.http()
            .header("X-Request-Id", "bad id")
            .post(
                "/api/v1/auth/register",
                Map.of("email", "other@example.com", "password", "a long enough password"));
    String replaced = other.header("X-Request-Id");
    assertThat(replaced).isNotEqualTo("bad id");
    String otherStored =
        app.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT request_id FROM jobs WHERE kind = 'mail.send'"
                                + " AND args->>'to' = 'other@example.com'")
                        .mapTo(String.class)
                        .one());
    assertThat(otherStored).isEqualTo(replaced);
  }
}
