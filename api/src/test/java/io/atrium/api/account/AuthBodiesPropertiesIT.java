package io.atrium.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.TestApp;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever body a client sends to an auth route, the answer is never a 500 and every error is a
 * problem document. (Failsafe runs it: it needs the app.)
 */
class AuthBodiesPropertiesIT {
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

  @Property(tries = 300)
  void noBodyEverCausesA500(@ForAll("routes") String route, @ForAll("bodies") String body) {
    Http http = app.http();
    Response response = http.send("POST", route, body, "application/json");
    assertThat(response.status()).as("%s %s → %s", route, body, response).isLessThan(500);
    if (response.status() >= 400) {
      response.problemCode();
    }
  }

  @Provide
  Arbitrary<String> routes() {
    return Arbitraries.of(ROUTES);
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .ofMaxLength(40)
                .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.of(
                "true", "false", "null", "1e999", "-0", "[]", "{}", "\"\\u0000\"", "\"\\ud800\""));
    Arbitrary<String> field =
        Arbitraries.of(
            "email",
            "password",
            "display_name",
            "refresh_token",
            "token",
            "new_password",
            "current_password",
            "name",
            "slug",
            "x");
    Arbitrary<String> object =
        Combinators.combine(field, scalar, field, scalar)
            .as((k1, v1, k2, v2) -> "{\"" + k1 + "\":" + v1 + ",\"" + k2 + "\":" + v2 + "}");
    Arbitrary<String> garbage = Arbitraries.strings().ofMaxLength(60);
    return Arbitraries.oneOf(
        object, scalar, garbage, object.map(o -> o + "}"), object.map(o -> "[" + o + "]"));
  }
}
