package io.atrium.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 6: fifteen wrong current passwords to change-password, then the right one, were
 * all answered: an online guessing oracle for anyone holding an access token.
 */
class ChangePasswordGuessingIT {
  private static final String CHANGE = "/api/v1/auth/change-password";
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void wrongCurrentPasswordsCountAsFailedLoginsOfTheAccount() {
    SignedIn thief = Accounts.register(app);
    for (int i = 0; i < 5; i++) {
      Response wrong = thief.http().post(CHANGE, change("guess number " + i));
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.problemCode()).isEqualTo("invalid_credentials");
    }
    Response held = thief.http().post(CHANGE, change(Accounts.PASSWORD));
    assertThat(held.status()).isEqualTo(429);
    assertThat(held.problemCode()).isEqualTo("rate_limited");
    assertThat(held.header("Retry-After")).isNotNull();
    // The same count as logins of that account from that address.
    Response login =
        thief
            .http()
            .post(
                "/api/v1/auth/login",
                Map.of("email", thief.email(), "password", Accounts.PASSWORD));
    assertThat(login.status()).isEqualTo(429);
    // The password did not change.
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/login",
                    Map.of("email", thief.email(), "password", Accounts.PASSWORD))
                .status())
        .isEqualTo(200);
  }

  private static Map<String, String> change(String current) {
    return Map.of("current_password", current, "new_password", "another passphrase entirely");
  }
}
