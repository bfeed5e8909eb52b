package io.atrium.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 9: guessable passwords accepted, no HSTS behind the HTTPS router, an older
 * verification link still working, the platform's own names taken as slugs, a negative wallet.
 */
class HygieneIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void guessablePasswordsAreRefusedOnRegisterResetAndChange() {
    for (String weak :
        List.of(
            "123456789012",
            "passwordpassword",
            "qwertyuiop[]",
            "Jennifer Morrison",
            "jennifer.morrison@example.com2")) {
      Response refused =
          app.http()
              .post(
                  "/api/v1/auth/register",
                  Map.of(
                      "email",
                      "jennifer.morrison@example.com",
                      "password",
                      weak,
                      "display_name",
                      "Jennifer Morrison"));
      assertThat(refused.status()).as(weak).isEqualTo(422);
      assertThat(refused.problemCode()).isEqualTo("validation_failed");
      assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("password");
    }
    SignedIn user = Accounts.register(app);
    Response change =
        user.http()
            .post(
                "/api/v1/auth/change-password",
                Map.of("current_password", Accounts.PASSWORD, "new_password", "passwordpassword"));
    assertThat(change.status()).isEqualTo(422);
    assertThat(change.json().get("errors").get(0).get("field").asText()).isEqualTo("new_password");

    app.http().post("/api/v1/auth/forgot-password", Map.of("email", user.email()));
    String token = Mailbox.resetToken(app, user.email());
    Response reset =
        app.http()
            .post(
                "/api/v1/auth/reset-password",
                Map.of("token", token, "new_password", "123456789012"));
    assertThat(reset.status()).isEqualTo(422);
    // The link was not spent on a refused password.
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/reset-password",
                    Map.of("token", token, "new_password", "a brand new passphrase"))
                .status())
        .isEqualTo(204);
  }

  @Test
  void hstsWhenTheRequestArrivedOverHttps() {
    Http behindRouter = app.http().header("X-Forwarded-Proto", "https");
    assertThat(behindRouter.get("/health").header("Strict-Transport-Security"))
        .isEqualTo("max-age=31536000; includeSubDomains");
    assertThat(app.http().get("/health").header("Strict-Transport-Security")).isNull();
    assertThat(
            app.http()
                .header("X-Forwarded-Proto", "http")
                .get("/health")
                .header("Strict-Transport-Security"))
        .isNull();
    try (TestApp direct = TestApp.start(Map.of("TRUST_PROXY", "false"))) {
      assertThat(
              direct
                  .http()
                  .header("X-Forwarded-Proto", "https")
                  .get("/health")
                  .header("Strict-Transport-Security"))
          .as("the header is the client's word without a trusted proxy")
          .isNull();
    }
  }

  @Test
  void aNewVerificationLinkInvalidatesTheOlderOnes() {
    SignedIn user = Accounts.register(app);
    String older = Mailbox.verificationToken(app, user.email());
    assertThat(user.http().post("/api/v1/auth/send-verification-email", null).status())
        .isEqualTo(202);
    String newer = Mailbox.verificationToken(app, user.email());
    assertThat(newer).isNotEqualTo(older);
    Response stale = app.http().post("/api/v1/auth/verify-email", Map.of("token", older));
    assertThat(stale.status()).isEqualTo(400);
    assertThat(stale.problemCode()).isEqualTo("invalid_token");
    assertThat(app.http().post("/api/v1/auth/verify-email", Map.of("token", newer)).status())
        .isEqualTo(200);
  }

  @Test
  void reservedSlugsAreRefusedAndSteppedAroundWhenDerived() {
    SignedIn user = Accounts.register(app);
    for (String slug : List.of("admin", "api", "www", "atrium", "support", "help", "status")) {
      Response refused =
          user.http().post("/api/v1/organizations", Map.of("name", "Official", "slug", slug));
      assertThat(refused.status()).as(slug).isEqualTo(422);
      assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("slug");
    }
    Response derived = user.http().post("/api/v1/organizations", Map.of("name", "Admin"));
    assertThat(derived.status()).isEqualTo(201);
    assertThat(derived.json().get("slug").asText()).isEqualTo("admin-2");
    Organizations.switchTo(user, UUID.fromString(derived.json().get("id").asText()));
    assertThat(
            user.http().patch("/api/v1/organizations/current", Map.of("slug", "atrium")).status())
        .isEqualTo(422);
  }

  @Test
  void aWalletNeverGoesNegative() {
    SignedIn admin = Accounts.admin(app);
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Wallet");
    Response refused =
        admin
            .http()
            .patch(
                "/api/v1/admin/organizations/" + organization, Map.of("wallet_balance_eur", -10.5));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("errors").get(0).get("field").asText())
        .isEqualTo("wallet_balance_eur");
    assertThat(
            admin
                .http()
                .patch(
                    "/api/v1/admin/organizations/" + organization, Map.of("wallet_balance_eur", 0))
                .status())
        .isEqualTo(200);
    Throwable constraint =
        catchThrowable(
            () ->
                app.database()
                    .jdbi()
                    .useHandle(
                        h ->
                            h.execute(
                                "UPDATE organizations SET wallet_balance_eur = -1 WHERE id = ?",
                                organization)));
    assertThat(constraint).hasMessageContaining("organizations_wallet_not_negative");
  }
}
