package io.atrium.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.TestApp;
import io.atrium.common.ratelimit.RateLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerificationAndResetIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void setUp() {
    app.reset();
  }

  @Test
  void signUpSendsAVerificationLinkThatWorksOnce() {
    SignedIn user = Accounts.register(app);
    String token = Mailbox.verificationToken(app, user.email());
    Response verified = app.http().post("/api/v1/auth/verify-email", Map.of("token", token));
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("user").get("email_verified").asBoolean()).isTrue();
    assertThat(user.http().get("/api/v1/user/me").json().get("email_verified").asBoolean())
        .isTrue();

    Response again = app.http().post("/api/v1/auth/verify-email", Map.of("token", token));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.problemCode()).isEqualTo("invalid_token");
    assertThat(
            app.http()
                .post("/api/v1/auth/verify-email", Map.of("token", "x".repeat(43)))
                .problemCode())
        .isEqualTo("invalid_token");
    assertThat(
            app.http()
                .post("/api/v1/auth/verify-email", Map.of("token", "not a token!"))
                .problemCode())
        .isEqualTo("invalid_token");
  }

  @Test
  void verificationLinksExpireAfter24Hours() {
    SignedIn user = Accounts.register(app);
    String token = Mailbox.verificationToken(app, user.email());
    app.clock().advance(Duration.ofHours(24).plusMinutes(1));
    assertThat(app.http().post("/api/v1/auth/verify-email", Map.of("token", token)).problemCode())
        .isEqualTo("invalid_token");
  }

  @Test
  void verificationEmailsCanBeAskedForAgainWithoutRevealingAccounts() {
    SignedIn user = Accounts.register(app);
    assertThat(user.http().post("/api/v1/auth/send-verification-email", null).status())
        .isEqualTo(202);
    assertThat(Mailbox.count(app, user.email(), "verify-email")).isEqualTo(2);

    Response known =
        app.http().post("/api/v1/auth/resend-verification-email", Map.of("email", user.email()));
    Response unknown =
        app.http()
            .post("/api/v1/auth/resend-verification-email", Map.of("email", "ghost@example.com"));
    assertThat(known.status()).isEqualTo(202).isEqualTo(unknown.status());
    assertThat(known.body()).isEqualTo(unknown.body());
    assertThat(Mailbox.count(app, user.email(), "verify-email")).isEqualTo(3);
    assertThat(Mailbox.count(app, "ghost@example.com", "verify-email")).isZero();
  }

  @Test
  void forgotPasswordAnswersAlikeAndANewRequestKillsOlderLinks() {
    SignedIn user = Accounts.register(app);
    SignedIn otherSession = Accounts.login(app, user.email(), Accounts.PASSWORD);
    Response known =
        app.http()
            .post("/api/v1/auth/forgot-password", Map.of("email", user.email().toUpperCase()));
    Response unknown =
        app.http().post("/api/v1/auth/forgot-password", Map.of("email", "ghost@example.com"));
    assertThat(known.status()).isEqualTo(202).isEqualTo(unknown.status());
    assertThat(known.body()).isEqualTo(unknown.body());
    String first = Mailbox.resetToken(app, user.email());

    app.http().post("/api/v1/auth/forgot-password", Map.of("email", user.email()));
    String second = Mailbox.resetToken(app, user.email());
    assertThat(second).isNotEqualTo(first);
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/reset-password",
                    Map.of("token", first, "new_password", "a fresh passphrase"))
                .problemCode())
        .isEqualTo("invalid_token");

    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/reset-password", Map.of("token", second, "new_password", "short"))
                .status())
        .isEqualTo(422);
    Response reset =
        app.http()
            .post(
                "/api/v1/auth/reset-password",
                Map.of("token", second, "new_password", "a fresh passphrase"));
    assertThat(reset.status()).isEqualTo(204);
    assertThat(user.http().get("/api/v1/user/me").status()).isEqualTo(401);
    assertThat(otherSession.http().get("/api/v1/user/me").status()).isEqualTo(401);
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/login",
                    Map.of("email", user.email(), "password", "a fresh passphrase"))
                .status())
        .isEqualTo(200);
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/reset-password",
                    Map.of("token", second, "new_password", "another passphrase"))
                .problemCode())
        .isEqualTo("invalid_token");
    assertThat(Mailbox.count(app, user.email(), "security-alert")).isEqualTo(1);
  }

  @Test
  void resetLinksExpireAfterAnHour() {
    SignedIn user = Accounts.register(app);
    app.http().post("/api/v1/auth/forgot-password", Map.of("email", user.email()));
    String token = Mailbox.resetToken(app, user.email());
    app.clock().advance(Duration.ofMinutes(61));
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/reset-password",
                    Map.of("token", token, "new_password", "a fresh passphrase"))
                .problemCode())
        .isEqualTo("invalid_token");
  }

  @Test
  void accountEmailsAndRegistrationsAreRateLimitedPerAddressAndRecipient() {
    SignedIn user = Accounts.register(app);
    Http sameClient = app.http();
    long perRecipient = RateLimits.production().resetEmailsPerRecipient().capacity();
    for (int i = 0; i < perRecipient; i++) {
      assertThat(
              sameClient
                  .post("/api/v1/auth/forgot-password", Map.of("email", user.email()))
                  .status())
          .isEqualTo(202);
    }
    // Past the recipient's share, each address has one more of its own an hour.
    assertThat(
            sameClient.post("/api/v1/auth/forgot-password", Map.of("email", user.email())).status())
        .isEqualTo(202);
    Response limited =
        sameClient.post("/api/v1/auth/forgot-password", Map.of("email", user.email()));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.problemCode()).isEqualTo("rate_limited");
    assertThat(limited.header("Retry-After")).isNotNull();
    // The per-recipient bucket holds whoever asks, and whether or not the email has an account.
    Http another = app.http();
    assertThat(another.post("/api/v1/auth/forgot-password", Map.of("email", user.email())).status())
        .isEqualTo(202);
    assertThat(another.post("/api/v1/auth/forgot-password", Map.of("email", user.email())).status())
        .isEqualTo(429);
    Http ghostClient = app.http();
    for (int i = 0; i <= perRecipient; i++) {
      assertThat(
              ghostClient
                  .post("/api/v1/auth/forgot-password", Map.of("email", "ghost@example.com"))
                  .status())
          .isEqualTo(202);
    }
    assertThat(
            ghostClient
                .post("/api/v1/auth/forgot-password", Map.of("email", "ghost@example.com"))
                .status())
        .isEqualTo(429);

    Http registrations = app.http();
    for (int i = 0; i < 20; i++) {
      registrations.post(
          "/api/v1/auth/register",
          Map.of("email", "r" + i + "@example.com", "password", Accounts.PASSWORD));
    }
    Response tooMany =
        registrations.post(
            "/api/v1/auth/register",
            Map.of("email", "r20@example.com", "password", Accounts.PASSWORD));
    assertThat(tooMany.status()).isEqualTo(429);
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/register",
                    Map.of("email", "r20@example.com", "password", Accounts.PASSWORD))
                .status())
        .as("another client address")
        .isEqualTo(201);
  }

  @Test
  void twoConcurrentUsesOfOneTokenLetExactlyOneWin() throws Exception {
    SignedIn user = Accounts.register(app);
    app.http().post("/api/v1/auth/forgot-password", Map.of("email", user.email()));
    String reset = Mailbox.resetToken(app, user.email());
    String verify = Mailbox.verificationToken(app, user.email());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> resetOnce =
          () ->
              app.http()
                  .post(
                      "/api/v1/auth/reset-password",
                      Map.of("token", reset, "new_password", "a fresh passphrase"))
                  .status();
      Callable<Integer> verifyOnce =
          () -> app.http().post("/api/v1/auth/verify-email", Map.of("token", verify)).status();
      assertThat(statuses(pool.invokeAll(List.of(resetOnce, resetOnce)))).containsExactly(204, 400);
      assertThat(statuses(pool.invokeAll(List.of(verifyOnce, verifyOnce))))
          .containsExactly(200, 400);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tokensAreStoredOnlyHashedAndTheQueueHoldsNoneInTheClear() {
    SignedIn user = Accounts.register(app);
    app.http().post("/api/v1/auth/forgot-password", Map.of("email", user.email()));
    String verify = Mailbox.verificationToken(app, user.email());
    String reset = Mailbox.resetToken(app, user.email());
    String stored =
        app.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT string_agg(encode(token_hash, 'base64'), ',') FROM user_tokens")
                        .mapTo(String.class)
                        .one());
    assertThat(stored).doesNotContain(verify).doesNotContain(reset);
    assertThat(Mailbox.rawJobArguments(app))
        .doesNotContain(verify)
        .doesNotContain(reset)
        .contains("verify-email");
  }

  private static List<Integer> statuses(List<Future<Integer>> futures) throws Exception {
    return futures.stream()
        .map(
            f -> {
              try {
                return f.get();
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            })
        .sorted()
        .toList();
  }
}
