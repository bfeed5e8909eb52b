package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.TcpProxy;
import io.atrium.api.support.TestApp;
import io.atrium.common.ratelimit.RateLimits;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP conventions every route follows (issue: the backbone). */
class ConventionsIT {
  private final TestApp app = TestApp.shared();
  private Http http;

  @BeforeEach
  void setUp() {
    app.reset();
    http = app.http();
  }

  @Test
  void unknownRouteIsAProblem() {
    Response response = http.get("/api/v1/nothing-here");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.problemCode()).isEqualTo("not_found");
  }

  @Test
  void wrongMethodIs405() {
    Response response = http.post("/health", Map.of());
    assertThat(response.status()).isEqualTo(405);
    assertThat(response.problemCode()).isEqualTo("method_not_allowed");
  }

  @Test
  void malformedJsonIs400() {
    Response response = http.send("POST", "/api/v1/auth/login", "{\"email\": ", "application/json");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemCode()).isEqualTo("bad_request");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
  }

  @Test
  void emptyAndNonObjectBodiesAre400() {
    assertThat(http.send("POST", "/api/v1/auth/login", "", "application/json").problemCode())
        .isEqualTo("bad_request");
    assertThat(http.send("POST", "/api/v1/auth/login", "null", "application/json").problemCode())
        .isEqualTo("bad_request");
    assertThat(http.send("POST", "/api/v1/auth/login", "[1,2]", "application/json").problemCode())
        .isEqualTo("bad_request");
  }

  @Test
  void aFieldOfTheWrongTypeIs422WithTheField() {
    Response response = http.post("/api/v1/auth/login", Map.of("email", 42, "password", "x"));
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.problemCode()).isEqualTo("validation_failed");
    assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("email");
  }

  @Test
  void missingFieldsAre422ListingEachOne() {
    Response response = http.post("/api/v1/auth/register", Map.of());
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().get("errors").findValuesAsText("field"))
        .containsExactly("email", "password");
  }

  @Test
  void aBodyOverOneMebibyteIs413() {
    String big = "{\"email\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}";
    Response response = http.send("POST", "/api/v1/auth/login", big, "application/json");
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.problemCode()).isEqualTo("payload_too_large");
  }

  @Test
  void aNonJsonContentTypeIs415() {
    Response response =
        http.send(
            "POST",
            "/api/v1/auth/login",
            "email=a&password=b",
            "application/x-www-form-urlencoded");
    assertThat(response.status()).isEqualTo(415);
    assertThat(response.problemCode()).isEqualTo("unsupported_media_type");
  }

  @Test
  void headersTooLargeIsAProblemNotJettyHtml() {
    Response response = http.header("X-Filler", "x".repeat(20_000)).get("/health");
    assertThat(response.status()).isEqualTo(431);
    assertThat(response.problemCode()).isEqualTo("headers_too_large");
  }

  @Test
  void aValidRequestIdIsEchoedAndAnInvalidOneReplaced() {
    Response echoed = http.header("X-Request-Id", "req-12345678").get("/health");
    assertThat(echoed.header("X-Request-Id")).isEqualTo("req-12345678");

    Response replaced = app.http().header("X-Request-Id", "bad id with spaces").get("/health");
    assertThat(replaced.header("X-Request-Id")).isNotBlank().isNotEqualTo("bad id with spaces");

    Response problem = app.http().get("/api/v1/missing");
    assertThat(problem.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void corsAllowsTheFrontendWithCredentialsAndNoOtherOrigin() {
    Response allowed =
        http.header("Origin", "http://localhost:3000")
            .header("Access-Control-Request-Method", "POST")
            .send("OPTIONS", "/api/v1/auth/login", null, null);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
    assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");

    Response refused =
        app.http()
            .header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "POST")
            .send("OPTIONS", "/api/v1/auth/login", null, null);
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void healthReadySpecDocsAndMetricsAreServed() {
    assertThat(http.get("/health").json().get("status").asText()).isEqualTo("ok");
    Response ready = http.get("/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("status").asText()).isEqualTo("ready");

    Response spec = http.get("/openapi.yaml");
    assertThat(spec.status()).isEqualTo(200);
    assertThat(spec.body()).startsWith("openapi: 3.1.0").contains("/api/v1/auth/login:");

    Response docs = http.get("/docs");
    assertThat(docs.header("Content-Type")).startsWith("text/html");
    assertThat(docs.body())
        .contains("/docs/assets/swagger-ui-bundle.js")
        .doesNotContain("https://");
    assertThat(http.get("/docs/assets/swagger-ui-bundle.js").status()).isEqualTo(200);
    assertThat(http.get("/docs/docs.js").body()).contains("/openapi.yaml");
    assertThat(http.get("/docs/assets/..%2F..%2Fpom.properties").status()).isEqualTo(404);

    http.get("/api/v1/user/me");
    String metrics = app.http().token(TestApp.METRICS_TOKEN).get("/metrics").body();
    assertThat(metrics)
        .contains("http_server_requests_seconds_count")
        .contains("route=\"/api/v1/user/me\"");
    assertThat(metrics).contains("hikaricp_connections").contains("jvm_memory_used_bytes");
  }

  @Test
  void theDatabaseGoingAwayAnswers503() throws Exception {
    try (TcpProxy proxy = TcpProxy.toDatabaseOf(app);
        TestApp viaProxy =
            TestApp.start(
                Map.of("DATABASE_URL", proxy.jdbcUrlFor(app), "DATABASE_POOL_SIZE", "2"))) {
      Http client = viaProxy.http();
      assertThat(client.get("/ready").status()).isEqualTo(200);
      Accounts.SignedIn user = Accounts.register(viaProxy);
      assertThat(user.http().get("/api/v1/user/me").status()).isEqualTo(200);

      proxy.close();

      // The session check of an authenticated request runs on plain JDBC: the same answer.
      Response me = user.http().get("/api/v1/user/me");
      assertThat(me.status()).isEqualTo(503);
      assertThat(me.problemCode()).isEqualTo("unavailable");
      Response ready = client.get("/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.problemCode()).isEqualTo("unavailable");
      Response login =
          client.post("/api/v1/auth/login", Map.of("email", "a@b.co", "password", "x".repeat(12)));
      assertThat(login.status()).isEqualTo(503);
      assertThat(login.problemCode()).isEqualTo("unavailable");
      assertThat(client.get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void theWebProcessRefusesASchemaOlderThanItsBuild() {
    String empty = "atrium_unmigrated_" + Long.toHexString(System.nanoTime());
    app.database().jdbi().useHandle(h -> h.execute("CREATE DATABASE " + empty));
    try {
      String url = app.database().jdbcUrl().replaceFirst("/atrium_test_[0-9a-f]+", "/" + empty);
      assertThat(url).contains(empty);
      Throwable refused =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> TestApp.start(Map.of("DATABASE_URL", url)).close());
      assertThat(refused)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("release process");
    } finally {
      app.database()
          .jdbi()
          .useHandle(h -> h.execute("DROP DATABASE IF EXISTS " + empty + " WITH (FORCE)"));
    }
  }

  @Test
  void anUnexpectedErrorIs500WithOnlyACorrelationId() {
    // Limits without values make login fail in a way no client input can: a stand-in for a bug.
    try (TestApp failing =
        TestApp.start(
            Map.of(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(RateLimits.class)
                    .toInstance(
                        new RateLimits(null, null, null, null, null, null, null, null, null, null));
              }
            })) {
      Response response =
          failing
              .http()
              .post(
                  "/api/v1/auth/login",
                  Map.of("email", "a@example.com", "password", "whatever it is"));
      assertThat(response.status()).isEqualTo(500);
      assertThat(response.problemCode()).isEqualTo("internal_error");
      assertThat(response.json().get("detail").asText()).contains(response.header("X-Request-Id"));
      assertThat(response.body()).doesNotContain("NullPointer").doesNotContain("at io.atrium");
    }
  }
}
