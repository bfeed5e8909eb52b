package io.atrium.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.TestApp;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 5: X-HTTP-Method-Override was honoured: a GET of the sessions with DELETE in it
 * signed out every other session, a GET of logout with POST logged out. A GET is what a page of
 * another site can make a browser send without asking.
 */
class MethodOverrideIT {
  private static final List<String> HEADERS =
      List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void aGetWithAnOverrideHeaderStaysAGet() {
    SignedIn victim = Accounts.register(app);
    SignedIn otherDevice = Accounts.login(app, victim.email(), Accounts.PASSWORD);
    for (String header : HEADERS) {
      Response listed = victim.http().header(header, "DELETE").get("/api/v1/auth/sessions");
      assertThat(listed.status()).as(header).isEqualTo(200);
      assertThat(listed.json().size()).as(header).isEqualTo(2);

      Response logout = victim.http().header(header, "POST").get("/api/v1/auth/logout");
      assertThat(logout.status()).as(header).isEqualTo(405);
      assertThat(logout.problemCode()).isEqualTo("method_not_allowed");
    }
    assertThat(otherDevice.http().get("/api/v1/user/me").status()).isEqualTo(200);
    assertThat(victim.http().get("/api/v1/user/me").status()).isEqualTo(200);
  }
}
