package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Browser access across origins, over HTTP: what an allowed and a foreign origin each get. */
class CorsIT {
  private static final String FRONTEND = "http://localhost:3000";
  private static final String FOREIGN = "https://evil.example";
  private static final String LOGIN = "/api/v1/auth/login";

  private final TestApp app = TestApp.shared();

  @BeforeEach
  void setUp() {
    app.reset();
  }

  private Response preflight(String origin, String path) {
    return app.http()
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .send("OPTIONS", path, null, null);
  }

  private String ownOrigin() {
    return "http://127.0.0.1:" + app.port();
  }

  @Test
  void aPreflightFromAnAllowedOriginIsAnswered() {
    for (String origin : new String[] {FRONTEND, ownOrigin()}) {
      Response answer = preflight(origin, LOGIN);
      assertThat(answer.status()).as(origin).isEqualTo(204);
      assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(origin);
      assertThat(answer.header("Access-Control-Allow-Credentials")).isEqualTo("true");
      assertThat(answer.header("Access-Control-Allow-Methods")).contains("POST", "PATCH", "DELETE");
      assertThat(answer.header("Access-Control-Allow-Headers"))
          .isEqualTo("authorization, content-type");
      assertThat(answer.header("Access-Control-Max-Age")).isEqualTo("600");
      assertThat(answer.header("Vary")).contains("Origin");
      assertThat(answer.body()).isEmpty();
    }
  }

  @Test
  void aPreflightFromAForeignOriginIsRefusedWithAProblem() {
    Response answer = preflight(FOREIGN, LOGIN);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.problemCode()).isEqualTo("origin_not_allowed");
    assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    assertThat(answer.header("Access-Control-Allow-Methods")).isNull();
    assertThat(answer.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void aRequestFromAForeignOriginGetsItsOwnAnswerWithoutCorsHeaders() {
    Accounts.SignedIn user = Accounts.register(app);
    Map<String, String> credentials = Map.of("email", user.email(), "password", Accounts.PASSWORD);

    Response login = app.http().header("Origin", FOREIGN).post(LOGIN, credentials);
    assertThat(login.status()).as("never a rewritten status").isEqualTo(200);
    assertThat(login.json().get("access_token").asText()).isNotBlank();
    assertThat(login.header("Access-Control-Allow-Origin")).isNull();
    assertThat(login.header("Access-Control-Allow-Credentials")).isNull();

    Response wrong =
        app.http()
            .header("Origin", FOREIGN)
            .post(LOGIN, Map.of("email", user.email(), "password", "not the password at all"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.problemCode()).isEqualTo("invalid_credentials");
    assertThat(wrong.header("Access-Control-Allow-Origin")).isNull();

    Response health = app.http().header("Origin", FOREIGN).get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.header("Access-Control-Allow-Origin")).isNull();
    assertThat(health.header("Vary")).contains("Origin");
  }

  @Test
  void theApisOwnOriginAndTheFrontendAreAllowedAlsoOnProblems() {
    Accounts.SignedIn user = Accounts.register(app);
    Response login =
        app.http()
            .header("Origin", ownOrigin())
            .post(LOGIN, Map.of("email", user.email(), "password", Accounts.PASSWORD));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.header("Access-Control-Allow-Origin")).isEqualTo(ownOrigin());
    assertThat(login.header("Access-Control-Expose-Headers")).contains("X-Request-Id");

    Response behindTheProxy =
        app.http()
            .header("Origin", "https://127.0.0.1:" + app.port())
            .header("X-Forwarded-Proto", "https")
            .get("/health");
    assertThat(behindTheProxy.header("Access-Control-Allow-Origin"))
        .isEqualTo("https://127.0.0.1:" + app.port());

    Response unauthorized = app.http().header("Origin", FRONTEND).get("/api/v1/user/me");
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.problemCode()).isEqualTo("unauthorized");
    assertThat(unauthorized.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
  }

  @Test
  void theRootRedirectsToTheDocs() {
    Response root = app.http().get("/");
    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("Location")).isEqualTo("/docs");
  }
}
