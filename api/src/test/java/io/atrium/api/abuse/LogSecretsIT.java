package io.atrium.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.audit.AuditCheckpoints;
import io.atrium.common.security.SecureTokens;
import io.atrium.common.testing.LogCapture;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 4: the access log wrote live invitation tokens in paths, and a database error
 * logged the statement's arguments, a {@code User} with its password hash among them. Here every
 * flow runs with the logs captured, and the logs are searched for every secret the run handled.
 */
class LogSecretsIT {
  private final TestApp app = TestApp.shared();
  private final List<String> secrets = new ArrayList<>();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void noTokenPasswordHashOrKeyReachesTheLogs() {
    String logs;
    try (LogCapture capture = LogCapture.open()) {
      runEveryFlow();
      logs = capture.text();
    }
    assertThat(logs).contains("GET /api/v1/invitations/{token} 200");
    assertThat(logs).contains("POST /api/v1/invitations/{token}/accept 201");
    assertThat(logs).as("the database error was logged").contains("correlation id");
    secrets.add(TestApp.JWT_SECRET);
    secrets.add(TestApp.CREDENTIALS_KEY);
    secrets.add(TestApp.ADMIN_PASSWORD);
    secrets.addAll(
        app.database()
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT password_hash FROM users").mapTo(String.class).list()));
    for (String table : List.of("refresh_tokens", "user_tokens", "invitations")) {
      secrets.addAll(
          app.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT encode(token_hash, 'hex') FROM " + table)
                          .mapTo(String.class)
                          .list()));
    }
    assertThat(secrets).hasSizeGreaterThan(20);
    for (String secret : secrets) {
      assertThat(logs).as("a secret in the logs").doesNotContain(secret);
    }
    assertThat(logs).doesNotContain("$argon2").doesNotContain("passwordHash=$");
  }

  private void runEveryFlow() {
    String password = "a long and private passphrase";
    Http http = app.http();
    Response registered =
        http.post(
            "/api/v1/auth/register",
            Map.of("email", "owner@example.com", "password", password, "display_name", "Owner"));
    SignedIn owner = Accounts.signedIn("owner@example.com", registered, http);
    remember(password, owner.accessToken(), owner.refreshToken());
    String verification = Mailbox.verificationToken(app, owner.email());
    remember(verification);
    app.http().post("/api/v1/auth/verify-email", Map.of("token", verification));

    Response refreshed =
        app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", owner.refreshToken()));
    remember(refreshed.json().get("access_token").asText());
    remember(refreshed.json().get("refresh_token").asText());
    app.http().post("/api/v1/auth/refresh", Map.of("refresh_token", owner.refreshToken()));

    app.http()
        .post(
            "/api/v1/auth/login",
            Map.of("email", owner.email(), "password", "a wrong guess of it"));
    remember("a wrong guess of it");
    Response login =
        app.http().post("/api/v1/auth/login", Map.of("email", owner.email(), "password", password));
    remember(login.json().get("access_token").asText(), login.json().get("refresh_token").asText());

    UUID organization = Organizations.create(owner, "Secretive");
    Response invited =
        owner
            .http()
            .post(
                "/api/v1/organizations/current/invitations",
                Map.of("email", "invitee@example.com", "role", "user"));
    assertThat(invited.status()).isEqualTo(201);
    String invitation = Mailbox.invitationToken(app, "invitee@example.com");
    remember(invitation);
    assertThat(app.http().get("/api/v1/invitations/" + invitation).status()).isEqualTo(200);
    String inviteePassword = "the invitee's own secret phrase";
    remember(inviteePassword);
    Response accepted =
        app.http()
            .post(
                "/api/v1/invitations/" + invitation + "/accept",
                Map.of("password", inviteePassword, "display_name", "Invitee"));
    assertThat(accepted.status()).isEqualTo(201);
    remember(accepted.json().get("access_token").asText());
    String unknown = new SecureTokens().generate();
    remember(unknown);
    assertThat(app.http().get("/api/v1/invitations/" + unknown).status()).isEqualTo(404);
    assertThat(app.http().get("/api/v1/invitations/" + unknown + "/nowhere").status())
        .isEqualTo(404);

    String changed = "a changed private passphrase";
    remember(changed);
    assertThat(
            owner
                .http()
                .post(
                    "/api/v1/auth/change-password",
                    Map.of("current_password", password, "new_password", changed))
                .status())
        .isEqualTo(204);
    app.http().post("/api/v1/auth/forgot-password", Map.of("email", owner.email()));
    String reset = Mailbox.resetToken(app, owner.email());
    String afterReset = "a password set by reset";
    remember(reset, afterReset);
    app.http()
        .post("/api/v1/auth/reset-password", Map.of("token", reset, "new_password", afterReset));
    app.http()
        .post("/api/v1/auth/reset-password", Map.of("token", reset, "new_password", afterReset));

    SignedIn admin = Accounts.admin(app);
    remember(admin.accessToken(), admin.refreshToken());
    admin.http().get("/api/v1/admin/users");
    SignedIn again = Accounts.login(app, owner.email(), afterReset);
    remember(again.accessToken(), again.refreshToken());
    Organizations.switchTo(again, organization);
    app.instance(AuditCheckpoints.class).writeDue();
    assertThat(again.http().get("/api/v1/organizations/current/audit-logs/verify").status())
        .isEqualTo(200);

    databaseErrorWhileInsertingAUser();
    assertThat(again.http().post("/api/v1/auth/logout", null).status()).isEqualTo(204);
  }

  /** A trigger fails the insert of a user: the error carries the statement that bound a User. */
  private void databaseErrorWhileInsertingAUser() {
    app.database()
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    """
                    CREATE FUNCTION fail_user_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'simulated failure' USING DETAIL = NEW::text; END $$;
                    CREATE TRIGGER fail_user_insert BEFORE INSERT ON users
                        FOR EACH ROW EXECUTE FUNCTION fail_user_insert();
                    """));
    try {
      String password = "a password that meets an error";
      remember(password);
      Response failed =
          app.http()
              .post(
                  "/api/v1/auth/register",
                  Map.of("email", "doomed@example.com", "password", password));
      assertThat(failed.status()).isEqualTo(500);
    } finally {
      app.database()
          .jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "DROP TRIGGER fail_user_insert ON users; DROP FUNCTION fail_user_insert()"));
    }
  }

  private void remember(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        secrets.add(value);
        if (SecureTokens.wellFormed(value)) {
          secrets.add(HexFormat.of().formatHex(SecureTokens.hash(value)));
        }
      }
    }
  }
}
