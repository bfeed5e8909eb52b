package io.atrium.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.ApiKeys;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Organization A's keys do not exist for organization B, personal keys belong to one user's
 * personal workspace, and a personal key reaches no organization.
 */
class ApiKeysCrossTenantIT {
  private final TestApp app = TestApp.shared();

  @Test
  void anotherOrganizationsKeysAreInvisibleAndUntouchable() {
    app.reset();
    SignedIn ownerA = Accounts.register(app);
    Organizations.create(ownerA, "Tenant A");
    ApiKeys.Key keyOfA = ApiKeys.create(ownerA, "admin");

    SignedIn ownerB = Accounts.register(app);
    UUID b = Organizations.create(ownerB, "Tenant B");
    SignedIn adminB = Organizations.addMember(app, ownerB, b, "admin");
    ApiKeys.Key keyOfB = ApiKeys.create(ownerB, "user");

    for (SignedIn intruder : List.of(ownerB, adminB)) {
      JsonNode listed = intruder.http().get("/api/v1/api-keys").json();
      assertThat(listed.get("total").asLong()).isEqualTo(1);
      assertThat(listed.get("items").get(0).get("id").asText()).isEqualTo(keyOfB.id().toString());
      Response rename =
          intruder.http().patch("/api/v1/api-keys/" + keyOfA.id(), Map.of("name", "taken"));
      assertThat(rename.status()).isEqualTo(404);
      assertThat(rename.problemCode()).isEqualTo("not_found");
      Response revoke = intruder.http().delete("/api/v1/api-keys/" + keyOfA.id());
      assertThat(revoke.status()).isEqualTo(404);
    }

    Organizations.switchTo(ownerB, null);
    assertThat(ownerB.http().get("/api/v1/api-keys").json().get("total").asLong()).isZero();
    assertThat(ownerB.http().delete("/api/v1/api-keys/" + keyOfA.id()).status()).isEqualTo(404);

    JsonNode stillA = ownerA.http().get("/api/v1/api-keys").json().get("items").get(0);
    assertThat(stillA.get("name").asText()).isEqualTo(keyOfA.created().get("name").asText());
    assertThat(stillA.get("revoked_at").isNull()).isTrue();
    Response current = keyOfA.http(app).get("/api/v1/organizations/current");
    assertThat(current.json().get("name").asText()).isEqualTo("Tenant A");
  }

  @Test
  void personalKeysBelongToOnePersonalWorkspaceAndReachNoOrganization() {
    app.reset();
    SignedIn alice = Accounts.register(app);
    ApiKeys.Key personal = ApiKeys.create(alice);
    UUID organization = Organizations.create(alice, "Alice Org");

    JsonNode inOrganization = alice.http().get("/api/v1/api-keys").json();
    assertThat(inOrganization.get("total").asLong()).isZero();
    assertThat(alice.http().delete("/api/v1/api-keys/" + personal.id()).status()).isEqualTo(404);

    Http withPersonal = personal.http(app);
    Response current = withPersonal.get("/api/v1/organizations/current");
    assertThat(current.status()).isEqualTo(400);
    assertThat(current.problemCode()).isEqualTo("organization_required");
    JsonNode me = withPersonal.get("/api/v1/user/me").json();
    assertThat(me.get("current_organization").isNull()).isTrue();

    SignedIn bob = Accounts.register(app);
    assertThat(bob.http().get("/api/v1/api-keys").json().get("total").asLong()).isZero();
    assertThat(bob.http().patch("/api/v1/api-keys/" + personal.id(), Map.of("name", "x")).status())
        .isEqualTo(404);

    Organizations.switchTo(alice, null);
    assertThat(alice.http().get("/api/v1/api-keys").json().get("total").asLong()).isEqualTo(1);
    assertThat(organization).isNotNull();
  }
}
