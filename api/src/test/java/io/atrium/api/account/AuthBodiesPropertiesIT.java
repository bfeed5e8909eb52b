package io.atrium.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.TestApp;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever body a client sends to an auth route, the answer is never a 500 and every error is a
 * problem document. (Failsafe runs it: it needs the app.)
 */
class AuthBodiesPropertiesIT {
  private static final int EXAMPLES = 300;

  /**
   * QuickTheories skips a generated value it has already checked (the boundary values come up more
   * than once), so it is given more attempts than the examples it must check.
   */
  private static final int ATTEMPTS = 330;

  private static final List<String> ROUTES =
      List.of(
          "/api/v1/auth/register",
          "/api/v1/auth/login",
          "/api/v1/auth/refresh",
          "/api/v1/auth/resend-verification-email",
          "/api/v1/auth/verify-email",
          "/api/v1/auth/forgot-password",
          "/api/v1/auth/reset-password",
          "/api/v1/auth/change-password",
          "/api/v1/auth/logout",
          "/api/v1/user/me",
          "/api/v1/organizations",
          "/api/v1/invitations/abc/accept");
  private final TestApp app = TestApp.shared();

  @Test
  void noBodyEverCausesA500() {
    AtomicInteger checked = new AtomicInteger();
    qt().withExamples(ATTEMPTS)
        .forAll(Generate.pick(ROUTES), bodies())
        .checkAssert(
            (route, body) -> {
              checked.incrementAndGet();
              Http http = app.http();
              Response response = http.send("POST", route, body, "application/json");
              assertThat(response.status()).as("%s %s → %s", route, body, response).isLessThan(500);
              if (response.status() >= 400) {
                response.problemCode();
              }
            });
    assertThat(checked).as("distinct examples checked").hasValueGreaterThanOrEqualTo(EXAMPLES);
  }

  private static Gen<String> bodies() {
    Gen<String> scalar =
        Generate.oneOf(
            strings()
                .allPossible()
                .ofLengthBetween(0, 40)
                .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
            integers().all().map((Integer i) -> String.valueOf(i)),
            Generate.pick(
                List.of(
                    "true",
                    "false",
                    "null",
                    "1e999",
                    "-0",
                    "[]",
                    "{}",
                    "\"\\u0000\"",
                    "\"\\ud800\"")));
    Gen<String> field =
        Generate.pick(
            List.of(
                "email",
                "password",
                "display_name",
                "refresh_token",
                "token",
                "new_password",
                "current_password",
                "name",
                "slug",
                "x"));
    Gen<String> object =
        field.zip(
            scalar,
            field,
            scalar,
            (k1, v1, k2, v2) -> "{\"" + k1 + "\":" + v1 + ",\"" + k2 + "\":" + v2 + "}");
    Gen<String> garbage = strings().allPossible().ofLengthBetween(0, 60);
    return Generate.oneOf(
        object, scalar, garbage, object.map(o -> o + "}"), object.map(o -> "[" + o + "]"));
  }
}
