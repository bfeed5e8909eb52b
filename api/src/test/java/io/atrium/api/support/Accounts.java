package io.atrium.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/** Shortcuts for tests that need signed-in users. */
public final class Accounts {
  public static final String PASSWORD = "correct horse battery staple";

  private Accounts() {}

  /** A signed-in user: the register response's tokens, and a client already sending them. */
  public record SignedIn(
      String email,
      UUID userId,
      String accessToken,
      String refreshToken,
      UUID sessionId,
      Http http) {}

  public static SignedIn register(TestApp app) {
    return register(app, "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
  }

  public static SignedIn register(TestApp app, String email) {
    Http http = app.http();
    Http.Response response =
        http.post(
            "/api/v1/auth/register",
            Map.of("email", email, "password", PASSWORD, "display_name", "Test User"));
    if (response.status() != 201) {
      throw new AssertionError("register failed: " + response);
    }
    return signedIn(email, response, http);
  }

  /** Verifies the user's email through the link of the latest verification email. */
  public static SignedIn verifyEmail(TestApp app, SignedIn user) {
    Http.Response verified =
        app.http()
            .post(
                "/api/v1/auth/verify-email",
                Map.of("token", Mailbox.verificationToken(app, user.email())));
    if (verified.status() != 200) {
      throw new AssertionError("verify-email failed: " + verified);
    }
    return user;
  }

  /** A signed-in user whose email is verified. */
  public static SignedIn registerVerified(TestApp app) {
    return verifyEmail(app, register(app));
  }

  /** The platform admin of the test app (re-created after a reset), signed in. */
  public static SignedIn admin(TestApp app) {
    app.instance(io.atrium.common.admin.PlatformAdminSeeder.class).seed();
    return login(app, TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
  }

  public static SignedIn login(TestApp app, String email, String password) {
    Http http = app.http();
    Http.Response response =
        http.post("/api/v1/auth/login", Map.of("email", email, "password", password));
    if (response.status() != 200) {
      throw new AssertionError("login failed: " + response);
    }
    return signedIn(email, response, http);
  }

  /** A register-shaped response (register, login, accepting an invitation) as a signed-in user. */
  public static SignedIn signedIn(String email, Http.Response response, Http http) {
    JsonNode json = response.json();
    http.token(json.get("access_token").asText());
    return new SignedIn(
        email,
        UUID.fromString(json.get("user").get("id").asText()),
        json.get("access_token").asText(),
        json.get("refresh_token").asText(),
        UUID.fromString(json.get("session_id").asText()),
        http);
  }
}
