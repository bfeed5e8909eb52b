package io.atrium.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.TestApp;
import io.atrium.common.account.LoginLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void setUp() {
    app.reset();
  }

  @Test
  void registerOpensASessionWithANormalisedEmail() {
    Response response =
        app.http()
            .post(
                "/api/v1/auth/register",
                Map.of(
                    "email",
                    "  Ada.Lovelace@Example.COM ",
                    "password",
                    Accounts.PASSWORD,
                    "display_name",
                    " Ada "));
    assertThat(response.status()).isEqualTo(201);
    JsonNode json = response.json();
    assertThat(json.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(json.get("expires_in").asLong()).isEqualTo(900);
    assertThat(json.get("user").get("email").asText()).isEqualTo("ada.lovelace@example.com");
    assertThat(json.get("user").get("display_name").asText()).isEqualTo("Ada");
    assertThat(json.get("user").get("email_verified").asBoolean()).isFalse();
    assertThat(json.get("refresh_token").asText()).matches("[A-Za-z0-9_-]{43,}");

    Response me = app.http().token(json.get("access_token").asText()).get("/api/v1/user/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("id").asText()).isEqualTo(json.get("user").get("id").asText());
    assertThat(me.json().get("current_organization").isNull()).isTrue();
  }

  @Test
  void anEmailHasOneAccountWhateverItsCase() {
    Accounts.register(app, "dup@example.com");
    Response again =
        app.http()
            .post(
                "/api/v1/auth/register",
                Map.of("email", "DUP@example.com", "password", Accounts.PASSWORD));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("email_taken");
  }

  @Test
  void weakPasswordsAndBadEmailsAre422() {
    Http http = app.http();
    for (Map<String, Object> body :
        List.<Map<String, Object>>of(
            Map.of("email", "a@example.com", "password", "elevenchars"),
            Map.of("email", "a@example.com", "password", "x".repeat(129)),
            Map.of("email", "same@example.com", "password", "SAME@example.com"),
            Map.of("email", "not-an-email", "password", Accounts.PASSWORD))) {
      Response response = http.post("/api/v1/auth/register", body);
      assertThat(response.status()).as(body.toString()).isEqualTo(422);
      assertThat(response.problemCode()).isEqualTo("validation_failed");
      assertThat(response.json().get("errors")).isNotEmpty();
    }
    // 128 code points, several of them two bytes in UTF-8: accepted whole, never truncated.
    String longestPassword =
        ("Zéphyr brûlé à l'aube, où chaque œuvre s'élève " + "é".repeat(128)).substring(0, 128);
    assertThat(longestPassword.codePointCount(0, longestPassword.length())).isEqualTo(128);
    Response longest =
        http.post(
            "/api/v1/auth/register",
            Map.of("email", "long@example.com", "password", longestPassword));
    assertThat(longest.status()).isEqualTo(201);
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/login",
                    Map.of("email", "long@example.com", "password", longestPassword))
                .status())
        .isEqualTo(200);
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/login",
                    Map.of(
                        "email", "long@example.com", "password", longestPassword.substring(0, 127)))
                .status())
        .isEqualTo(401);
  }

  @Test
  void unknownEmailAndWrongPasswordAnswerAlike() {
    Accounts.register(app, "known@example.com");
    Response wrongPassword =
        app.http()
            .post(
                "/api/v1/auth/login",
                Map.of("email", "known@example.com", "password", "not the password"));
    Response unknownEmail =
        app.http()
            .post(
                "/api/v1/auth/login",
                Map.of("email", "nobody@example.com", "password", "not the password"));
    assertThat(wrongPassword.status()).isEqualTo(401).isEqualTo(unknownEmail.status());
    assertThat(wrongPassword.problemCode())
        .isEqualTo("invalid_credentials")
        .isEqualTo(unknownEmail.problemCode());
    assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownEmail.json().get("detail"));
    assertThat(wrongPassword.json().size()).isEqualTo(unknownEmail.json().size());
  }

  /**
   * Failures are counted per (account, address): failures from many addresses no longer lock the
   * account for its owner (issue 14; the account-wide ceiling is in LockoutIT).
   */
  @Test
  void repeatedFailuresForOneAccountFromOneAddressAre429EvenWithTheRightPassword() {
    Accounts.register(app, "target@example.com");
    Http guesser = app.http();
    for (int i = 0; i < LoginLimits.production().freeFailures(); i++) {
      assertThat(
              guesser
                  .post(
                      "/api/v1/auth/login",
                      Map.of("email", "target@example.com", "password", "wrong password " + i))
                  .status())
          .isEqualTo(401);
    }
    Response limited =
        guesser.post(
            "/api/v1/auth/login",
            Map.of("email", "target@example.com", "password", Accounts.PASSWORD));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.problemCode()).isEqualTo("rate_limited");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
  }

  @Test
  void aDisabledAccountCannotLogInOrRefresh() {
    SignedIn user = Accounts.register(app);
    app.database()
        .jdbi()
        .useHandle(
            h -> h.execute("UPDATE users SET status = 'disabled' WHERE id = ?", user.userId()));
    Response login =
        app.http()
            .post(
                "/api/v1/auth/login", Map.of("email", user.email(), "password", Accounts.PASSWORD));
    assertThat(login.status()).isEqualTo(403);
    assertThat(login.problemCode()).isEqualTo("account_disabled");
    Response refresh =
        app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()));
    assertThat(refresh.status()).isEqualTo(403);
    assertThat(refresh.problemCode()).isEqualTo("account_disabled");
    Response wrongPassword =
        app.http()
            .post(
                "/api/v1/auth/login",
                Map.of("email", user.email(), "password", "not the password"));
    assertThat(wrongPassword.problemCode())
        .as("a wrong password does not reveal the account is disabled")
        .isEqualTo("invalid_credentials");
  }

  @Test
  void refreshRotatesAndAReusedTokenRevokesTheSession() {
    SignedIn user = Accounts.register(app);
    Response first =
        app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()));
    assertThat(first.status()).isEqualTo(200);
    String next = first.json().get("refresh_token").asText();
    assertThat(next).isNotEqualTo(user.refreshToken());
    assertThat(first.json().get("session_id").asText()).isEqualTo(user.sessionId().toString());

    app.clock().advance(Duration.ofSeconds(11));
    Response reused =
        app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()));
    assertThat(reused.status()).isEqualTo(401);
    assertThat(reused.problemCode()).isEqualTo("refresh_token_reused");

    assertThat(app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", next)).status())
        .isEqualTo(401);
    assertThat(
            app.http()
                .token(first.json().get("access_token").asText())
                .get("/api/v1/user/me")
                .status())
        .isEqualTo(401);
    assertThat(auditActions()).contains("auth.refresh_token_reused");
  }

  @Test
  void twoTabsRefreshingWithOneTokenBothGetAWorkingPair() throws Exception {
    SignedIn user = Accounts.register(app);
    Callable<Response> refresh =
        () -> app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Response>> results = pool.invokeAll(List.of(refresh, refresh));
      for (Future<Response> result : results) {
        Response response = result.get();
        assertThat(response.status()).isEqualTo(200);
        assertThat(
                app.http()
                    .post(
                        "/api/v1/auth/refresh",
                        Map.of("refresh_token", response.json().get("refresh_token").asText()))
                    .status())
            .isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tokensOfOneKindNeverPassAsTheOther() {
    SignedIn user = Accounts.register(app);
    assertThat(app.http().token(user.refreshToken()).get("/api/v1/user/me").status())
        .isEqualTo(401);
    Response accessAsRefresh =
        app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", user.accessToken()));
    assertThat(accessAsRefresh.status()).isEqualTo(401);
    assertThat(accessAsRefresh.problemCode()).isEqualTo("unauthorized");
  }

  @Test
  void tamperedForgedAndExpiredAccessTokensAre401() {
    SignedIn user = Accounts.register(app);
    String[] parts = user.accessToken().split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String elevated =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                payload
                    .replace("\"platform_role\":null", "\"platform_role\":\"platform_admin\"")
                    .getBytes(StandardCharsets.UTF_8));
    String noneHeader =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
    Algorithm rightKey = Algorithm.HMAC256(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8));
    String wrongType =
        JWT.create()
            .withKeyId(JWT.decode(user.accessToken()).getKeyId())
            .withHeader(Map.of("typ", "JWT"))
            .withIssuer("atrium")
            .withAudience("atrium-api")
            .withSubject(user.userId().toString())
            .withClaim("sid", user.sessionId().toString())
            .withExpiresAt(Instant.now().plusSeconds(60))
            .sign(rightKey);
    String wrongKey =
        JWT.create()
            .withKeyId(JWT.decode(user.accessToken()).getKeyId())
            .withHeader(Map.of("typ", "at+jwt"))
            .withIssuer("atrium")
            .withAudience("atrium-api")
            .withSubject(user.userId().toString())
            .withClaim("sid", user.sessionId().toString())
            .withExpiresAt(Instant.now().plusSeconds(60))
            .sign(
                Algorithm.HMAC256(
                    "another-secret-that-is-32-bytes-or-more".getBytes(StandardCharsets.UTF_8)));
    for (String token :
        List.of(
            parts[0] + "." + elevated + "." + parts[2],
            noneHeader + "." + parts[1] + ".",
            noneHeader + "." + parts[1] + "." + parts[2],
            wrongType,
            wrongKey,
            "not.a.jwt",
            "garbage")) {
      Response response = app.http().token(token).get("/api/v1/user/me");
      assertThat(response.status()).as(token).isEqualTo(401);
      assertThat(response.problemCode()).isEqualTo("unauthorized");
    }
    // Verified once, the token is remembered; its expiry still refuses it.
    assertThat(app.http().token(user.accessToken()).get("/api/v1/user/me").status()).isEqualTo(200);
    app.clock().advance(Duration.ofMinutes(16));
    assertThat(app.http().token(user.accessToken()).get("/api/v1/user/me").status()).isEqualTo(401);
  }

  @Test
  void aRotatedKeyStillVerifiesTokensOfThePreviousOne() {
    SignedIn user = Accounts.register(app);
    try (TestApp rotated =
        TestApp.start(
            Map.of(
                "JWT_SECRET",
                "the-next-secret-which-is-also-32-bytes+",
                "JWT_PREVIOUS_SECRETS",
                TestApp.JWT_SECRET))) {
      assertThat(rotated.http().token(user.accessToken()).get("/api/v1/user/me").status())
          .isEqualTo(200);
    }
    try (TestApp replaced =
        TestApp.start(Map.of("JWT_SECRET", "the-next-secret-which-is-also-32-bytes+"))) {
      assertThat(replaced.http().token(user.accessToken()).get("/api/v1/user/me").status())
          .isEqualTo(401);
    }
  }

  @Test
  void lastSeenIsKeptToTheMinute() {
    SignedIn user = Accounts.register(app);
    String before =
        user.http().get("/api/v1/auth/sessions").json().get(0).get("last_seen_at").asText();
    assertThat(user.http().get("/api/v1/user/me").status()).isEqualTo(200);
    assertThat(user.http().get("/api/v1/auth/sessions").json().get(0).get("last_seen_at").asText())
        .isEqualTo(before);
    app.clock().advance(Duration.ofMinutes(2));
    assertThat(user.http().get("/api/v1/user/me").status()).isEqualTo(200);
    assertThat(
            Instant.parse(
                user.http()
                    .get("/api/v1/auth/sessions")
                    .json()
                    .get(0)
                    .get("last_seen_at")
                    .asText()))
        .isAfter(Instant.parse(before).plus(Duration.ofMinutes(1)));
  }

  @Test
  void logoutEndsTheSessionAtOnce() {
    SignedIn user = Accounts.register(app);
    assertThat(user.http().post("/api/v1/auth/logout", null).status()).isEqualTo(204);
    Response after = user.http().get("/api/v1/user/me");
    assertThat(after.status()).isEqualTo(401);
    assertThat(
            app.http()
                .post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()))
                .status())
        .isEqualTo(401);
  }

  @Test
  void sessionsAreListedAndRevokedOneByOneOrAllButCurrent() {
    SignedIn first = Accounts.register(app);
    SignedIn second = Accounts.login(app, first.email(), Accounts.PASSWORD);
    SignedIn third = Accounts.login(app, first.email(), Accounts.PASSWORD);

    JsonNode sessions = second.http().get("/api/v1/auth/sessions").json();
    assertThat(sessions).hasSize(3);
    assertThat(sessions.findValuesAsText("id")).contains(first.sessionId().toString());
    JsonNode current =
        sessions.findParents("current").stream()
            .filter(s -> s.get("current").asBoolean())
            .findFirst()
            .orElseThrow();
    assertThat(current.get("id").asText()).isEqualTo(second.sessionId().toString());
    assertThat(current.get("ip").asText()).isEqualTo(second.http().address());

    assertThat(second.http().delete("/api/v1/auth/sessions/" + first.sessionId()).status())
        .isEqualTo(204);
    assertThat(first.http().get("/api/v1/user/me").status()).isEqualTo(401);

    SignedIn stranger = Accounts.register(app);
    Response foreign = stranger.http().delete("/api/v1/auth/sessions/" + third.sessionId());
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.problemCode()).isEqualTo("not_found");
    assertThat(stranger.http().delete("/api/v1/auth/sessions/not-a-uuid").status()).isEqualTo(404);
    assertThat(third.http().get("/api/v1/user/me").status()).isEqualTo(200);

    assertThat(second.http().delete("/api/v1/auth/sessions").status()).isEqualTo(204);
    assertThat(third.http().get("/api/v1/user/me").status()).isEqualTo(401);
    assertThat(second.http().get("/api/v1/user/me").status()).isEqualTo(200);
    assertThat(second.http().get("/api/v1/auth/sessions").json()).hasSize(1);
  }

  @Test
  void changingThePasswordRevokesEveryOtherSession() {
    SignedIn user = Accounts.register(app);
    SignedIn other = Accounts.login(app, user.email(), Accounts.PASSWORD);

    Response wrong =
        user.http()
            .post(
                "/api/v1/auth/change-password",
                Map.of(
                    "current_password",
                    "not the password",
                    "new_password",
                    "a brand new passphrase"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.problemCode()).isEqualTo("invalid_credentials");
    Response weak =
        user.http()
            .post(
                "/api/v1/auth/change-password",
                Map.of("current_password", Accounts.PASSWORD, "new_password", "short"));
    assertThat(weak.status()).isEqualTo(422);

    Response changed =
        user.http()
            .post(
                "/api/v1/auth/change-password",
                Map.of(
                    "current_password",
                    Accounts.PASSWORD,
                    "new_password",
                    "a brand new passphrase"));
    assertThat(changed.status()).isEqualTo(204);
    assertThat(user.http().get("/api/v1/user/me").status()).isEqualTo(200);
    assertThat(other.http().get("/api/v1/user/me").status()).isEqualTo(401);
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/login",
                    Map.of("email", user.email(), "password", Accounts.PASSWORD))
                .status())
        .isEqualTo(401);
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/login",
                    Map.of("email", user.email(), "password", "a brand new passphrase"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void apiKeysAreRefusedOnAuthRoutes() {
    Response response = app.http().token("atr_" + "a".repeat(38)).post("/api/v1/auth/logout", null);
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemCode()).isEqualTo("api_key_not_allowed");
  }

  @Test
  void onlyTheDisplayNameCanBeChangedOnMe() {
    SignedIn user = Accounts.register(app);
    Response patched =
        user.http()
            .patch(
                "/api/v1/user/me",
                Map.of(
                    "display_name",
                    "Grace",
                    "email",
                    "evil@example.com",
                    "platform_role",
                    "platform_admin",
                    "id",
                    "x"));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("display_name").asText()).isEqualTo("Grace");
    assertThat(patched.json().get("email").asText()).isEqualTo(user.email());
    assertThat(patched.json().get("platform_role").isNull()).isTrue();
    assertThat(
            user.http().patch("/api/v1/user/me", Map.of("display_name", "x".repeat(101))).status())
        .isEqualTo(422);
  }

  @Test
  void signUpLoginFailureAndLogoutAreAudited() {
    SignedIn user = Accounts.register(app);
    app.http()
        .post("/api/v1/auth/login", Map.of("email", user.email(), "password", "not the password"));
    user.http().post("/api/v1/auth/logout", null);
    assertThat(auditActions()).contains("user.signed_up", "auth.login_failed", "auth.logout");
  }

  private List<String> auditActions() {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT action FROM audit_log ORDER BY seq")
                    .mapTo(String.class)
                    .list());
  }
}
