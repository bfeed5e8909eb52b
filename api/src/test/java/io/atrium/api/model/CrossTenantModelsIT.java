package io.atrium.api.model;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Organization A's models do not exist for B, whatever B's role: 404, and A's stay as they were.
 */
class CrossTenantModelsIT {
  private static final String MODELS = "/api/v1/models";
  private final TestApp app = TestApp.shared();

  @Test
  void anotherOrganizationsModelIsInvisibleAndUntouchable() {
    app.reset();
    SignedIn ownerA = Accounts.register(app);
    Organizations.create(ownerA, "Tenant A");
    Response created = ownerA.http().post(MODELS, Map.of("name", "Secret", "code", "a-secret"));
    UUID modelA = UUID.fromString(created.json().get("id").asText());
    String before = ownerA.http().get(MODELS).body();

    SignedIn ownerB = Accounts.register(app);
    UUID b = Organizations.create(ownerB, "Tenant B");
    List<SignedIn> membersOfB = new ArrayList<>(List.of(ownerB));
    for (String role : List.of("admin", "manager", "user")) {
      membersOfB.add(Organizations.addMember(app, ownerB, b, role));
    }
    SignedIn personal = Accounts.register(app);
    membersOfB.add(personal);

    for (SignedIn intruder : membersOfB) {
      assertThat(intruder.http().get(MODELS).body()).doesNotContain(modelA.toString());
      List<Response> attempts =
          List.of(
              intruder.http().patch(MODELS + "/" + modelA, Map.of("name", "Mine now")),
              intruder.http().delete(MODELS + "/" + modelA),
              intruder.http().post(MODELS + "/" + modelA + "/activate-tech", null),
              intruder.http().delete(MODELS + "/" + modelA + "/activate-tech"),
              intruder.http().post(MODELS + "/" + modelA + "/activate-eco", null),
              intruder.http().delete(MODELS + "/" + modelA + "/activate-eco"));
      for (Response attempt : attempts) {
        assertThat(attempt.status()).as(intruder.email() + ": " + attempt).isEqualTo(404);
        assertThat(attempt.problemCode()).isEqualTo("not_found");
      }
    }
    assertThat(ownerA.http().get(MODELS).body()).isEqualTo(before);
  }
}
