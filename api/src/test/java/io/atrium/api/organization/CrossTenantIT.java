package io.atrium.api.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A member of B, whatever their role, finds nothing of A by its ids, and A is unchanged. */
class CrossTenantIT {
  private final TestApp app = TestApp.shared();

  @Test
  void idsFromAnotherOrganizationAre404ForEveryRole() {
    app.reset();
    SignedIn ownerA = Accounts.register(app);
    UUID a = Organizations.create(ownerA, "Tenant A");
    SignedIn memberA = Organizations.addMember(app, ownerA, a, "user");
    UUID invitationA =
        UUID.fromString(
            ownerA
                .http()
                .post(
                    "/api/v1/organizations/current/invitations",
                    Map.of("email", "pending-a@example.com", "role", "user"))
                .json()
                .get("id")
                .asText());
    String before = snapshot(ownerA);

    SignedIn ownerB = Accounts.register(app);
    UUID b = Organizations.create(ownerB, "Tenant B");
    List<SignedIn> membersOfB = new ArrayList<>(List.of(ownerB));
    for (String role : List.of("admin", "manager", "user")) {
      membersOfB.add(Organizations.addMember(app, ownerB, b, role));
    }

    for (SignedIn intruder : membersOfB) {
      List<Response> attempts =
          List.of(
              intruder
                  .http()
                  .put(
                      "/api/v1/organizations/current/members/" + memberA.userId(),
                      Map.of("role", "user")),
              intruder
                  .http()
                  .put(
                      "/api/v1/organizations/current/members/" + ownerA.userId(),
                      Map.of("role", "user")),
              intruder.http().delete("/api/v1/organizations/current/members/" + memberA.userId()),
              intruder.http().delete("/api/v1/organizations/current/members/" + ownerA.userId()),
              intruder.http().delete("/api/v1/organizations/current/invitations/" + invitationA),
              intruder
                  .http()
                  .post(
                      "/api/v1/organizations/current/invitations/" + invitationA + "/resend", null),
              intruder
                  .http()
                  .put("/api/v1/organizations/current", Map.of("organization_id", a.toString())));
      for (Response attempt : attempts) {
        // A user of B may be refused (403) by B's own rules before the id is looked up only where
        // the route itself is closed to them; the id of A must never be found.
        assertThat(attempt.status()).as(attempt.toString()).isIn(404, 403);
        if (attempt.status() == 403) {
          assertThat(attempt.problemCode()).isNotEqualTo("role_change_forbidden");
        }
      }
      assertThat(attempts.get(0).status()).isEqualTo(404);
      assertThat(attempts.get(2).status()).isEqualTo(404);
      assertThat(attempts.get(6).status()).isEqualTo(404);
    }
    assertThat(snapshot(ownerA)).isEqualTo(before);
  }

  private static String snapshot(SignedIn ownerA) {
    JsonNode members = ownerA.http().get("/api/v1/organizations/current/members").json();
    JsonNode invitations =
        ownerA.http().get("/api/v1/organizations/current/invitations").json().get("items");
    return members.toString() + invitations.toString();
  }
}
