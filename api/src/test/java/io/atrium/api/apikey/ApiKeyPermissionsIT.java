package io.atrium.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The permission matrix of the API key routes (resources.md: every member views the org's keys,
 * owner and admin create, rename and revoke them), for the four roles with a session, and for API
 * keys of each role, which no API key route accepts.
 */
class ApiKeyPermissionsIT {
  private static final List<String> ROLES = List.of("owner", "admin", "manager", "user");

  private final TestApp app = TestApp.shared();

  /** One route of the matrix: how to call it on a key id, and the roles it lets through. */
  private record Cell(
      String name, BiFunction<Http, UUID, Response> call, int success, List<String> allowed) {}

  private static final List<Cell> CELLS =
      List.of(
          new Cell("list", (http, id) -> http.get("/api/v1/api-keys"), 200, ROLES),
          new Cell(
              "create",
              (http, id) -> http.post("/api/v1/api-keys", Map.of("name", "made")),
              201,
              List.of("owner", "admin")),
          new Cell(
              "rename",
              (http, id) -> http.patch("/api/v1/api-keys/" + id, Map.of("name", "renamed")),
              200,
              List.of("owner", "admin")),
          new Cell(
              "revoke",
              (http, id) -> http.delete("/api/v1/api-keys/" + id),
              204,
              List.of("owner", "admin")));

  @Test
  void withASessionEachRoleGetsWhatTheMatrixSays() {
    app.reset();
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Matrix");
    Map<String, SignedIn> members =
        Map.of(
            "owner", owner,
            "admin", Organizations.addMember(app, owner, organization, "admin"),
            "manager", Organizations.addMember(app, owner, organization, "manager"),
            "user", Organizations.addMember(app, owner, organization, "user"));
    for (String role : ROLES) {
      for (Cell cell : CELLS) {
        UUID key = ApiKeys.create(owner, "user").id();
        Response response = cell.call().apply(members.get(role).http(), key);
        String what = role + " " + cell.name() + ": " + response;
        if (cell.allowed().contains(role)) {
          assertThat(response.status()).as(what).isEqualTo(cell.success());
        } else {
          assertThat(response.status()).as(what).isEqualTo(403);
          assertThat(response.problemCode()).as(what).isEqualTo("forbidden");
        }
      }
    }
  }

  @Test
  void withAnApiKeyOfAnyRoleNoApiKeyRouteIsOpen() {
    app.reset();
    SignedIn owner = Accounts.register(app);
    Organizations.create(owner, "Keys Cannot Make Keys");
    for (String role : ROLES) {
      ApiKeys.Key key = ApiKeys.create(owner, role);
      Http withKey = key.http(app);
      for (Cell cell : CELLS) {
        Response response = cell.call().apply(withKey, ApiKeys.create(owner, "user").id());
        assertThat(response.status()).as(role + " key " + cell.name()).isEqualTo(403);
        assertThat(response.problemCode()).isEqualTo("api_key_not_allowed");
      }
      Response current = withKey.get("/api/v1/organizations/current");
      assertThat(current.status()).isEqualTo(200);
      assertThat(current.json().get("role").asText()).isEqualTo(role);
      assertThat(withKey.get("/api/v1/user/me").status()).isEqualTo(200);
    }
  }

  @Test
  void inThePersonalWorkspaceAUserManagesTheirOwnKeys() {
    app.reset();
    SignedIn user = Accounts.register(app);
    for (Cell cell : CELLS) {
      UUID key = ApiKeys.create(user).id();
      Response response = cell.call().apply(user.http(), key);
      assertThat(response.status()).as(cell.name() + ": " + response).isEqualTo(cell.success());
    }
  }
}
