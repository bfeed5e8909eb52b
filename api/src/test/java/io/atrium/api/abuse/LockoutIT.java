package io.atrium.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.TestApp;
import io.atrium.common.account.LoginLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 3: ten failed logins from spoofed addresses locked the victim out, still after a
 * password reset; five anonymous verification requests used up the victim's mail quota, so their
 * own password reset answered 429.
 */
class LockoutIT {
  private static final String LOGIN = "/api/v1/auth/login";
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void failuresFromOtherAddressesDoNotLockTheOwnerOut() {
    SignedIn victim = Accounts.register(app);
    for (int i = 0; i < 20; i++) {
      Response failed = app.http().post(LOGIN, credentials(victim, "wrong password " + i));
      assertThat(failed.status()).isEqualTo(401);
    }
    // The attacker's one address is slowed down; the owner's is not.
    Http attacker = app.http();
    for (int i = 0; i < 5; i++) {
      assertThat(attacker.post(LOGIN, credentials(victim, "guess " + i)).status()).isEqualTo(401);
    }
    assertThat(attacker.post(LOGIN, credentials(victim, Accounts.PASSWORD)).status())
        .isEqualTo(429);
    assertThat(victim.http().post(LOGIN, credentials(victim, Accounts.PASSWORD)).status())
        .isEqualTo(200);
  }

  @Test
  void theDelayOfOneAddressGrowsAndASuccessfulLoginClearsIt() {
    SignedIn user = Accounts.register(app);
    Http client = app.http();
    for (int i = 0; i < 5; i++) {
      assertThat(client.post(LOGIN, credentials(user, "wrong " + i)).status()).isEqualTo(401);
    }
    Response held = client.post(LOGIN, credentials(user, Accounts.PASSWORD));
    assertThat(held.status()).isEqualTo(429);
    assertThat(held.problemCode()).isEqualTo("rate_limited");
    long first = Long.parseLong(held.header("Retry-After"));
    assertThat(first).isEqualTo(15);

    app.clock().advance(Duration.ofSeconds(first));
    assertThat(client.post(LOGIN, credentials(user, "wrong again")).status()).isEqualTo(401);
    long second = Long.parseLong(client.post(LOGIN, credentials(user, "x")).header("Retry-After"));
    assertThat(second).isEqualTo(30);

    app.clock().advance(Duration.ofSeconds(second));
    assertThat(client.post(LOGIN, credentials(user, Accounts.PASSWORD)).status()).isEqualTo(200);
    // Cleared: failures are free again.
    for (int i = 0; i < 5; i++) {
      assertThat(client.post(LOGIN, credentials(user, "wrong " + i)).status()).isEqualTo(401);
    }
  }

  @Test
  void theAccountCeilingHoldsAgainstManyAddressesAndTheOwnersResetClearsIt() {
    LoginLimits small =
        new LoginLimits(
            5,
            Duration.ofSeconds(15),
            Duration.ofMinutes(15),
            Duration.ofHours(24),
            12,
            Duration.ofHours(1));
    try (TestApp limited =
        TestApp.start(
            Map.of(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(LoginLimits.class).toInstance(small);
              }
            })) {
      limited.reset();
      SignedIn victim = Accounts.register(limited);
      for (int i = 0; i < 12; i++) {
        assertThat(limited.http().post(LOGIN, credentials(victim, "spray " + i)).status())
            .isEqualTo(401);
      }
      Response held = victim.http().post(LOGIN, credentials(victim, Accounts.PASSWORD));
      assertThat(held.status()).isEqualTo(429);
      assertThat(Long.parseLong(held.header("Retry-After"))).isBetween(3_500L, 3_600L);

      assertThat(
              victim
                  .http()
                  .post("/api/v1/auth/forgot-password", Map.of("email", victim.email()))
                  .status())
          .isEqualTo(202);
      String token = Mailbox.resetToken(limited, victim.email());
      assertThat(
              victim
                  .http()
                  .post(
                      "/api/v1/auth/reset-password",
                      Map.of("token", token, "new_password", "a brand new passphrase")))
          .extracting(Response::status)
          .isEqualTo(204);
      assertThat(
              victim
                  .http()
                  .post(
                      LOGIN, Map.of("email", victim.email(), "password", "a brand new passphrase"))
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void anonymousVerificationRequestsCannotUseUpThePasswordResetsMail() {
    SignedIn victim = Accounts.register(app);
    int before = Mailbox.count(app, victim.email(), "verify-email");
    int answered = 0;
    for (int i = 0; i < 6; i++) {
      Response response =
          app.http()
              .post("/api/v1/auth/resend-verification-email", Map.of("email", victim.email()));
      if (response.status() == 202) {
        answered++;
      } else {
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.problemCode()).isEqualTo("rate_limited");
      }
    }
    assertThat(answered).isEqualTo(3);
    assertThat(Mailbox.count(app, victim.email(), "verify-email")).isEqualTo(before + 3);

    Response reset =
        victim.http().post("/api/v1/auth/forgot-password", Map.of("email", victim.email()));
    assertThat(reset.status()).isEqualTo(202);
    assertThat(Mailbox.count(app, victim.email(), "reset-password")).isEqualTo(1);
  }

  @Test
  void resetsUsedUpByOthersStillLeaveTheOwnerOneAnHourFromTheirOwnAddress() {
    SignedIn victim = Accounts.register(app);
    Http attacker = app.http();
    Map<String, String> body = Map.of("email", victim.email());
    int sent = 0;
    for (int i = 0; i < 6; i++) {
      if (attacker.post("/api/v1/auth/forgot-password", body).status() == 202) {
        sent++;
      }
    }
    // The recipient's three, and the attacker address's own one.
    assertThat(sent).isEqualTo(4);
    Response limited = attacker.post("/api/v1/auth/forgot-password", body);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.problemCode()).isEqualTo("rate_limited");

    assertThat(victim.http().post("/api/v1/auth/forgot-password", body).status()).isEqualTo(202);
    assertThat(Mailbox.count(app, victim.email(), "reset-password")).isEqualTo(5);
    String token = Mailbox.resetToken(app, victim.email());
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/reset-password",
                    Map.of("token", token, "new_password", "a brand new passphrase"))
                .status())
        .isEqualTo(204);
  }

  private static Map<String, String> credentials(SignedIn user, String password) {
    return Map.of("email", user.email(), "password", password);
  }
}
