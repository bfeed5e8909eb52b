package io.atrium.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminIT {
  private final TestApp app = TestApp.shared();
  private SignedIn admin;

  @BeforeEach
  void setUp() {
    app.reset();
    admin = Accounts.admin(app);
  }

  @Test
  void theConfiguredAdminIsCreatedOnceAndItsPasswordNeverReset() {
    assertThat(admin.http().get("/api/v1/user/me").json().get("platform_role").asText())
        .isEqualTo("platform_admin");
    try (TestApp second =
        TestApp.start(Map.of("PLATFORM_ADMIN_PASSWORD", "another password entirely"))) {
      assertThat(
              second
                  .http()
                  .post(
                      "/api/v1/auth/login",
                      Map.of("email", TestApp.ADMIN_EMAIL, "password", "another password entirely"))
                  .status())
          .isEqualTo(401);
    }
    assertThat(
            Accounts.login(app, TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD)
                .http()
                .get("/api/v1/user/me")
                .status())
        .isEqualTo(200);
    Response selfService =
        Accounts.register(app)
            .http()
            .patch(
                "/api/v1/user/me", Map.of("display_name", "Me", "platform_role", "platform_admin"));
    assertThat(selfService.json().get("platform_role").isNull()).isTrue();
  }

  @Test
  void everyAdminRouteIs403ForMembersOfEveryRoleAndForApiKeys() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Members Only");
    List<SignedIn> members =
        List.of(
            owner,
            Organizations.addMember(app, owner, organization, "admin"),
            Organizations.addMember(app, owner, organization, "manager"),
            Organizations.addMember(app, owner, organization, "user"));
    List<String[]> routes =
        List.of(
            new String[] {"GET", "/api/v1/admin/overview"},
            new String[] {"GET", "/api/v1/admin/organizations"},
            new String[] {"POST", "/api/v1/admin/organizations"},
            new String[] {"GET", "/api/v1/admin/organizations/" + organization},
            new String[] {"PATCH", "/api/v1/admin/organizations/" + organization},
            new String[] {"DELETE", "/api/v1/admin/organizations/" + organization},
            new String[] {"GET", "/api/v1/admin/users"},
            new String[] {"PATCH", "/api/v1/admin/users/" + owner.userId()},
            new String[] {"GET", "/api/v1/admin/system/metrics"},
            new String[] {"GET", "/api/v1/admin/audit-logs"},
            new String[] {"POST", "/api/v1/admin/notifications/send"});
    for (SignedIn member : members) {
      for (String[] route : routes) {
        Response response = member.http().send(route[0], route[1], "{}", "application/json");
        assertThat(response.status()).as(route[0] + " " + route[1]).isEqualTo(403);
        assertThat(response.problemCode()).isEqualTo("forbidden");
      }
    }
    Response withKey = app.http().token("atr_" + "b".repeat(38)).get("/api/v1/admin/overview");
    assertThat(withKey.problemCode()).isEqualTo("api_key_not_allowed");
    assertThat(app.http().get("/api/v1/admin/overview").status()).isEqualTo(401);
  }

  @Test
  void organizationsAreFilteredSearchedSortedAndPaged() {
    SignedIn owner = Accounts.register(app);
    for (String name : List.of("Alpha Labs", "Beta Works", "Gamma Labs")) {
      owner.http().post("/api/v1/organizations", Map.of("name", name));
    }
    UUID gamma =
        id(admin.http().get("/api/v1/admin/organizations?q=gamma").json().get("items").get(0));
    admin
        .http()
        .patch(
            "/api/v1/admin/organizations/" + gamma,
            Map.of("subscription_plan", "subscriber", "wallet_balance_eur", 12.5));

    JsonNode labs = admin.http().get("/api/v1/admin/organizations?q=LABS&sort=-name").json();
    assertThat(labs.get("total").asInt()).isEqualTo(2);
    assertThat(labs.get("items").findValuesAsText("name"))
        .containsExactly("Gamma Labs", "Alpha Labs");
    JsonNode subscribers = admin.http().get("/api/v1/admin/organizations?plan=subscriber").json();
    assertThat(subscribers.get("items").findValuesAsText("name")).containsExactly("Gamma Labs");
    assertThat(subscribers.get("items").get(0).get("wallet_balance_eur").decimalValue())
        .isEqualByComparingTo("12.5");
    JsonNode page2 =
        admin.http().get("/api/v1/admin/organizations?sort=name&page=2&page_size=2").json();
    assertThat(page2.get("items").findValuesAsText("name")).containsExactly("Gamma Labs");
    assertThat(page2.get("page").asInt()).isEqualTo(2);
    assertThat(page2.get("page_size").asInt()).isEqualTo(2);
    assertThat(page2.get("total").asInt()).isEqualTo(3);
    assertThat(admin.http().get("/api/v1/admin/organizations?sort=owner").status()).isEqualTo(422);
    assertThat(admin.http().get("/api/v1/admin/organizations?page_size=500").status())
        .isEqualTo(400);
    assertThat(admin.http().get("/api/v1/admin/organizations?page=x").problemCode())
        .isEqualTo("bad_request");
    assertThat(admin.http().get("/api/v1/admin/organizations/" + UUID.randomUUID()).status())
        .isEqualTo(404);

    JsonNode overview = admin.http().get("/api/v1/admin/overview").json();
    assertThat(overview.get("organizations").get("total").asInt()).isEqualTo(3);
    assertThat(overview.get("users").get("total").asInt()).isEqualTo(2);
    assertThat(overview.get("active_sessions").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(overview.has("jobs")).isTrue();
    assertThat(overview.has("emails_sent_24h")).isTrue();
  }

  @Test
  void creatingForAnOwnerEmailAddsTheAccountOrInvitesIt() {
    SignedIn existing = Accounts.register(app);
    Response direct =
        admin
            .http()
            .post(
                "/api/v1/admin/organizations",
                Map.of("name", "For Existing", "owner_email", existing.email()));
    assertThat(direct.status()).isEqualTo(201);
    assertThat(direct.json().get("member_count").asInt()).isEqualTo(1);
    assertThat(existing.http().get("/api/v1/organizations").json().get(0).get("role").asText())
        .isEqualTo("owner");

    Response invited =
        admin
            .http()
            .post(
                "/api/v1/admin/organizations",
                Map.of(
                    "name",
                    "For Newcomer",
                    "owner_email",
                    "newcomer@example.com",
                    "subscription_plan",
                    "subscriber"));
    assertThat(invited.status()).isEqualTo(201);
    assertThat(invited.json().get("member_count").asInt()).isZero();
    String token = Mailbox.invitationToken(app, "newcomer@example.com");
    assertThat(app.http().get("/api/v1/invitations/" + token).json().get("role").asText())
        .isEqualTo("owner");
    assertThat(
            admin
                .http()
                .post("/api/v1/admin/organizations", Map.of("name", "X", "owner_email", "bad"))
                .status())
        .isEqualTo(422);
  }

  @Test
  void aSuspendedOrganizationIsClosedToItsMembersUntilReactivated() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Suspended Co");
    SignedIn otherSession = Accounts.login(app, owner.email(), Accounts.PASSWORD);

    assertThat(
            admin
                .http()
                .patch("/api/v1/admin/organizations/" + organization, Map.of("status", "suspended"))
                .json()
                .get("status")
                .asText())
        .isEqualTo("suspended");
    Response closed = owner.http().get("/api/v1/organizations/current/members");
    assertThat(closed.status()).isEqualTo(403);
    assertThat(closed.problemCode()).isEqualTo("organization_suspended");
    Response switching =
        otherSession
            .http()
            .put(
                "/api/v1/organizations/current",
                Map.of("organization_id", organization.toString()));
    assertThat(switching.problemCode()).isEqualTo("organization_suspended");
    assertThat(owner.http().get("/api/v1/user/me").status()).isEqualTo(200);

    admin.http().patch("/api/v1/admin/organizations/" + organization, Map.of("status", "active"));
    assertThat(owner.http().get("/api/v1/organizations/current/members").status()).isEqualTo(200);
    assertThat(
            admin
                .http()
                .patch("/api/v1/admin/organizations/" + organization, Map.of("status", "frozen"))
                .status())
        .isEqualTo(422);
  }

  @Test
  void deletingAnOrganizationSendsItsSessionsToPersonal() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Deleted By Admin");
    assertThat(admin.http().delete("/api/v1/admin/organizations/" + organization).status())
        .isEqualTo(204);
    assertThat(owner.http().get("/api/v1/organizations/current").problemCode())
        .isEqualTo("organization_required");
    assertThat(owner.http().get("/api/v1/organizations").json()).isEmpty();
    assertThat(
            admin
                .http()
                .get("/api/v1/admin/organizations?status=deleted")
                .json()
                .get("total")
                .asInt())
        .isEqualTo(1);
    assertThat(
            admin
                .http()
                .get("/api/v1/admin/organizations/" + organization)
                .json()
                .get("deleted_at")
                .isNull())
        .isFalse();
  }

  @Test
  void disablingAUserRevokesEverySessionAndBlocksLogin() {
    SignedIn user = Accounts.register(app);
    SignedIn otherSession = Accounts.login(app, user.email(), Accounts.PASSWORD);
    JsonNode disabled =
        admin
            .http()
            .patch("/api/v1/admin/users/" + user.userId(), Map.of("status", "disabled"))
            .json();
    assertThat(disabled.get("status").asText()).isEqualTo("disabled");
    assertThat(user.http().get("/api/v1/user/me").status()).isEqualTo(401);
    assertThat(otherSession.http().get("/api/v1/user/me").status()).isEqualTo(401);
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/login",
                    Map.of("email", user.email(), "password", Accounts.PASSWORD))
                .problemCode())
        .isEqualTo("account_disabled");

    admin.http().patch("/api/v1/admin/users/" + user.userId(), Map.of("status", "active"));
    assertThat(
            app.http()
                .post(
                    "/api/v1/auth/login",
                    Map.of("email", user.email(), "password", Accounts.PASSWORD))
                .status())
        .isEqualTo(200);

    assertThat(
            admin
                .http()
                .patch("/api/v1/admin/users/" + admin.userId(), Map.of("status", "disabled"))
                .status())
        .isEqualTo(403);
    assertThat(
            admin
                .http()
                .patch("/api/v1/admin/users/" + UUID.randomUUID(), Map.of("status", "disabled"))
                .status())
        .isEqualTo(404);

    JsonNode entries =
        admin.http().get("/api/v1/admin/audit-logs?page_size=200").json().get("items");
    JsonNode disabling =
        entries.findParents("action").stream()
            .filter(e -> e.get("action").asText().equals("admin.user_disabled"))
            .findFirst()
            .orElseThrow();
    assertThat(disabling.get("actor_user_id").asText()).isEqualTo(admin.userId().toString());
    assertThat(disabling.get("target_id").asText()).isEqualTo(user.userId().toString());
  }

  @Test
  void usersAreFilteredByOrganizationRoleStatusAndSearch() {
    SignedIn owner = Accounts.register(app, "owner.person@example.com");
    UUID organization = Organizations.create(owner, "Filtered");
    SignedIn manager = Organizations.addMember(app, owner, organization, "manager");
    Accounts.register(app, "loner@example.com");

    JsonNode inOrganization =
        admin.http().get("/api/v1/admin/users?organization_id=" + organization).json();
    assertThat(inOrganization.get("total").asInt()).isEqualTo(2);
    JsonNode managers =
        admin
            .http()
            .get("/api/v1/admin/users?organization_id=" + organization + "&role=manager")
            .json();
    assertThat(managers.get("items").findValuesAsText("email")).containsExactly(manager.email());
    assertThat(
            admin
                .http()
                .get("/api/v1/admin/users?role=platform_admin")
                .json()
                .get("items")
                .findValuesAsText("email"))
        .containsExactly(TestApp.ADMIN_EMAIL);
    assertThat(admin.http().get("/api/v1/admin/users?q=LONER").json().get("total").asInt())
        .isEqualTo(1);
    assertThat(admin.http().get("/api/v1/admin/users?status=disabled").json().get("total").asInt())
        .isZero();
    assertThat(admin.http().get("/api/v1/admin/users?q=%25").json().get("total").asInt())
        .as("% is a literal")
        .isZero();
    assertThat(admin.http().get("/api/v1/admin/users?organization_id=nope").status())
        .isEqualTo(400);
  }

  @Test
  void systemMetricsDescribeRequestsPoolJobsAndMemory() {
    admin.http().get("/api/v1/user/me");
    JsonNode metrics = admin.http().get("/api/v1/admin/system/metrics").json();
    assertThat(metrics.get("requests").get("total").asLong()).isPositive();
    assertThat(metrics.get("requests").get("latency_ms").has("p99")).isTrue();
    assertThat(metrics.get("database_pool").get("max").asLong()).isPositive();
    assertThat(metrics.get("jobs").has("queues")).isTrue();
    assertThat(metrics.get("jvm").get("heap_used_bytes").asLong()).isPositive();
  }

  private static UUID id(JsonNode node) {
    return UUID.fromString(node.get("id").asText());
  }
}
