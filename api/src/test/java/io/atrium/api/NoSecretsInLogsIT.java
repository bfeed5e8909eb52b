package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route that causes an email or carries a credential, with every log line of the web process
 * captured (the access log included): no line carries a password, an access or refresh token, a
 * link's token, an API key or a configured secret. The worker's side is MailLogsIT.
 */
class NoSecretsInLogsIT {
  private static final String API_KEY = "atr_live_4f9c2b7e1d8a6f3c5b0e9d2a7c4f1b8e";
  private final TestApp app = TestApp.shared();
  private final List<String> secrets = new ArrayList<>();
  private LogCapture capture;

  @BeforeEach
  void setUp() {
    app.reset();
    capture = LogCapture.open();
    secrets.addAll(
        List.of(
            Accounts.PASSWORD,
            TestApp.ADMIN_PASSWORD,
            TestApp.JWT_SECRET,
            TestApp.CREDENTIALS_KEY,
            API_KEY));
  }

  @AfterEach
  void tearDown() {
    capture.close();
  }

  @Test
  void noRouteLogsASecret() {
    SignedIn owner = Accounts.register(app, "owner@example.com");
    remember(owner);
    String verify = Mailbox.verificationToken(app, owner.email());
    secrets.add(verify);
    app.http().post("/api/v1/auth/verify-email", Map.of("token", verify));
    // a second use of a spent token, and a login that fails: the error paths log too
    app.http().post("/api/v1/auth/verify-email", Map.of("token", verify));
    app.http()
        .post(
            "/api/v1/auth/login",
            Map.of("email", owner.email(), "password", "wrong password of the log test"));
    secrets.add("wrong password of the log test");

    app.http().post("/api/v1/auth/forgot-password", Map.of("email", owner.email()));
    String reset = Mailbox.resetToken(app, owner.email());
    secrets.add(reset);
    String newPassword = "the new password of the log test";
    secrets.add(newPassword);
    app.http()
        .post("/api/v1/auth/reset-password", Map.of("token", reset, "new_password", newPassword));
    SignedIn again = Accounts.login(app, owner.email(), newPassword);
    remember(again);
    String changed = "a changed password of the log test";
    secrets.add(changed);
    again
        .http()
        .post(
            "/api/v1/auth/change-password",
            Map.of("current_password", newPassword, "new_password", changed));
    var refreshed =
        app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", again.refreshToken()));
    secrets.add(refreshed.json().path("access_token").asText("none"));
    secrets.add(refreshed.json().path("refresh_token").asText("none"));
    // reuse after the grace: a security alert
    app.clock().advance(java.time.Duration.ofMinutes(1));
    app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", again.refreshToken()));

    SignedIn fresh = Accounts.login(app, owner.email(), changed);
    remember(fresh);
    Organizations.create(fresh, "Logged Org");
    fresh
        .http()
        .post(
            "/api/v1/organizations/current/invitations",
            Map.of("email", "invitee@example.com", "role", "user"));
    String invitation = Mailbox.invitationToken(app, "invitee@example.com");
    secrets.add(invitation);
    app.http().get("/api/v1/invitations/" + invitation);
    app.http()
        .post(
            "/api/v1/invitations/" + invitation + "/accept",
            Map.of("password", "the invitee's password, long"));
    secrets.add("the invitee's password, long");
    app.http().get("/api/v1/invitations/" + invitation + "x/accept");

    SignedIn admin = Accounts.admin(app);
    remember(admin);
    admin
        .http()
        .post(
            "/api/v1/admin/notifications/send",
            Map.of(
                "type",
                "platform_to_users",
                "recipients",
                "all",
                "subject",
                "Hi",
                "body",
                "Hello"));
    app.http().token(API_KEY).get("/api/v1/user/me");
    app.http().token(API_KEY).get("/api/v1/organizations");
    app.http().header("X-Api-Key", API_KEY).get("/api/v1/user/me");

    assertThat(capture.events()).as("captured log lines").isNotEmpty();
    for (String line : capture.events()) {
      for (String secret : secrets) {
        assertThat(line).as("a log line").doesNotContain(secret);
      }
    }
  }

  private void remember(SignedIn user) {
    secrets.add(user.accessToken());
    secrets.add(user.refreshToken());
  }
}
