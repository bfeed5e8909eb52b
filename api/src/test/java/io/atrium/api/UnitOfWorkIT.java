package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request's unit of work gives its connection back whatever the outcome: the authentication keeps
 * its handle for the route, and the route may end without using it.
 */
class UnitOfWorkIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void setUp() {
    app.reset();
  }

  @Test
  void noConnectionOutlivesItsRequest() {
    SignedIn user = Accounts.register(app);
    Http http = user.http().token(user.accessToken());
    for (int i = 0; i < 30; i++) {
      assertThat(http.get("/api/v1/user/me").status()).isEqualTo(200);
      // Refused by the service before it opens a unit: the kept handle was never used.
      assertThat(http.get("/api/v1/organizations/current").problemCode())
          .isEqualTo("organization_required");
      // Refused by the authentication itself, after it read the caller.
      assertThat(http.get("/api/v1/admin/overview").problemCode()).isEqualTo("forbidden");
      // Refused by the controller before the service is called.
      assertThat(http.patch("/api/v1/user/me", Map.of()).problemCode())
          .isEqualTo("validation_failed");
      assertThat(app.http().token("not-a-token").get("/api/v1/user/me").status()).isEqualTo(401);
    }
    assertThat(activeConnections()).isZero();
  }

  @Test
  void aRouteSeesWhatItsOwnWriteCommitted() {
    SignedIn user = Accounts.register(app);
    Http http = user.http().token(user.accessToken());
    Http.Response renamed = http.patch("/api/v1/user/me", Map.of("display_name", "Renamed"));
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().path("display_name").asText()).isEqualTo("Renamed");
    assertThat(http.get("/api/v1/user/me").json().path("display_name").asText())
        .isEqualTo("Renamed");
    assertThat(activeConnections()).isZero();
  }

  @Test
  void aPageCarriesItsTotalAndSoDoesAnEmptyOnePastTheEnd() {
    SignedIn owner = Accounts.register(app);
    Organizations.create(owner, "Paged");
    for (int i = 0; i < 3; i++) {
      Http.Response invited =
          owner
              .http()
              .post(
                  "/api/v1/organizations/current/invitations",
                  Map.of("email", "invitee" + i + "@example.com", "role", "user"));
      assertThat(invited.status()).isEqualTo(201);
    }

    Http.Response first = owner.http().get("/api/v1/organizations/current/invitations?page_size=2");
    assertThat(first.json().path("items").size()).isEqualTo(2);
    assertThat(first.json().path("total").asLong()).isEqualTo(3);
    Http.Response second =
        owner.http().get("/api/v1/organizations/current/invitations?page=2&page_size=2");
    assertThat(second.json().path("items").size()).isEqualTo(1);
    assertThat(second.json().path("total").asLong()).isEqualTo(3);
    Http.Response past =
        owner.http().get("/api/v1/organizations/current/invitations?page=5&page_size=2");
    assertThat(past.json().path("items").size()).isZero();
    assertThat(past.json().path("total").asLong()).isEqualTo(3);

    Http.Response audit =
        owner.http().get("/api/v1/organizations/current/audit-logs?page=100&page_size=2");
    assertThat(audit.json().path("items").size()).isZero();
    // organization.created and three invitation.created
    assertThat(audit.json().path("total").asLong()).isEqualTo(4);
  }

  private double activeConnections() {
    String metrics = app.http().token(TestApp.METRICS_TOKEN).get("/metrics").body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("hikaricp_connections_active{"))
        .filter(line -> line.contains("pool=\"web\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no hikaricp_connections_active in /metrics"));
  }
}
