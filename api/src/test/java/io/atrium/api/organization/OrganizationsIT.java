package io.atrium.api.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationsIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void setUp() {
    app.reset();
  }

  @Test
  void theCreatorIsOwnerAndSlugsAreDerivedUniqueAndValidated() {
    SignedIn user = Accounts.register(app);
    Response created =
        user.http()
            .post(
                "/api/v1/organizations",
                Map.of("name", "Société Générale", "id", UUID.randomUUID().toString()));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("slug").asText()).isEqualTo("societe-generale");
    assertThat(created.json().get("role").asText()).isEqualTo("owner");
    assertThat(created.json().get("subscription_plan").asText()).isEqualTo("free");

    assertThat(
            user.http()
                .post("/api/v1/organizations", Map.of("name", "Societe Generale"))
                .json()
                .get("slug")
                .asText())
        .isEqualTo("societe-generale-2");
    Response taken =
        user.http()
            .post("/api/v1/organizations", Map.of("name", "Other", "slug", "societe-generale"));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.problemCode()).isEqualTo("slug_taken");
    Response invalid =
        user.http().post("/api/v1/organizations", Map.of("name", "Other", "slug", "Bad--Slug"));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(user.http().post("/api/v1/organizations", Map.of("name", " ")).status())
        .isEqualTo(422);
    assertThat(
            user.http()
                .post("/api/v1/organizations", Map.of("name", "é"))
                .json()
                .get("slug")
                .asText())
        .isEqualTo("e-org");

    JsonNode mine = user.http().get("/api/v1/organizations").json();
    assertThat(mine).hasSize(4);
    assertThat(mine.findValuesAsText("role")).containsOnly("owner");
  }

  @Test
  void theWorkspaceBelongsToOneSession() {
    SignedIn owner = Accounts.register(app);
    SignedIn otherSession = Accounts.login(app, owner.email(), Accounts.PASSWORD);
    Response personal = owner.http().get("/api/v1/organizations/current");
    assertThat(personal.status()).isEqualTo(400);
    assertThat(personal.problemCode()).isEqualTo("organization_required");

    UUID id = Organizations.create(owner, "Acme");
    JsonNode current = owner.http().get("/api/v1/organizations/current").json();
    assertThat(current.get("id").asText()).isEqualTo(id.toString());
    assertThat(current.get("member_count").asInt()).isEqualTo(1);
    assertThat(current.get("wallet_balance_eur").decimalValue()).isZero();
    assertThat(
            owner
                .http()
                .get("/api/v1/user/me")
                .json()
                .get("current_organization")
                .get("role")
                .asText())
        .isEqualTo("owner");

    assertThat(
            otherSession.http().get("/api/v1/user/me").json().get("current_organization").isNull())
        .isTrue();
    assertThat(otherSession.http().get("/api/v1/organizations/current").problemCode())
        .isEqualTo("organization_required");

    Organizations.switchTo(owner, null);
    assertThat(owner.http().get("/api/v1/organizations/current").problemCode())
        .isEqualTo("organization_required");

    SignedIn stranger = Accounts.register(app);
    Response notMember =
        stranger
            .http()
            .put("/api/v1/organizations/current", Map.of("organization_id", id.toString()));
    assertThat(notMember.status()).isEqualTo(404);
    assertThat(notMember.problemCode()).isEqualTo("not_found");
    assertThat(stranger.http().put("/api/v1/organizations/current", Map.of()).status())
        .isEqualTo(422);
    assertThat(
            stranger
                .http()
                .put("/api/v1/organizations/current", Map.of("organization_id", "nope"))
                .status())
        .isEqualTo(404);
  }

  @Test
  void ownersAndAdminsEditSettingsOthersCannot() {
    SignedIn owner = Accounts.register(app);
    UUID id = Organizations.create(owner, "Acme");
    Response patched =
        owner
            .http()
            .patch(
                "/api/v1/organizations/current",
                Map.of("name", "Acme Corp", "slug", "acme-corp", "sidebar_color", "#1A2B3C"));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("sidebar_color").asText()).isEqualTo("#1a2b3c");
    assertThat(patched.json().get("slug").asText()).isEqualTo("acme-corp");
    assertThat(
            owner
                .http()
                .patch("/api/v1/organizations/current", Map.of("sidebar_color", "red"))
                .status())
        .isEqualTo(422);
    Response cleared =
        owner
            .http()
            .patch(
                "/api/v1/organizations/current", Collections.singletonMap("sidebar_color", null));
    assertThat(cleared.json().get("sidebar_color").isNull()).isTrue();
    assertThat(cleared.json().get("name").asText()).isEqualTo("Acme Corp");

    SignedIn other = Accounts.register(app);
    Organizations.create(other, "Taken Slug");
    Response taken =
        owner.http().patch("/api/v1/organizations/current", Map.of("slug", "taken-slug"));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.problemCode()).isEqualTo("slug_taken");

    SignedIn admin = Organizations.addMember(app, owner, id, "admin");
    assertThat(
            admin
                .http()
                .patch("/api/v1/organizations/current", Map.of("name", "By Admin"))
                .status())
        .isEqualTo(200);
    SignedIn member = Organizations.addMember(app, owner, id, "user");
    Response refused =
        member.http().patch("/api/v1/organizations/current", Map.of("name", "By User"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.problemCode()).isEqualTo("forbidden");
  }

  @Test
  void deletingSendsEveryoneBackToPersonal() {
    SignedIn owner = Accounts.register(app);
    UUID id = Organizations.create(owner, "Doomed");
    SignedIn admin = Organizations.addMember(app, owner, id, "admin");
    assertThat(admin.http().delete("/api/v1/organizations/current").status()).isEqualTo(403);

    assertThat(owner.http().delete("/api/v1/organizations/current").status()).isEqualTo(204);
    assertThat(admin.http().get("/api/v1/organizations/current").problemCode())
        .isEqualTo("organization_required");
    assertThat(admin.http().get("/api/v1/user/me").json().get("current_organization").isNull())
        .isTrue();
    assertThat(admin.http().get("/api/v1/organizations").json()).isEmpty();
    assertThat(
            admin
                .http()
                .put("/api/v1/organizations/current", Map.of("organization_id", id.toString()))
                .status())
        .isEqualTo(404);
    assertThat(auditActions(id)).contains("organization.deleted");
  }

  @Test
  void roleChangesFollowTheRulesWithTheirCodes() {
    SignedIn owner = Accounts.register(app);
    UUID id = Organizations.create(owner, "Acme");
    SignedIn admin = Organizations.addMember(app, owner, id, "admin");
    SignedIn manager = Organizations.addMember(app, owner, id, "manager");
    SignedIn user = Organizations.addMember(app, owner, id, "user");

    Response adminPromotesToManager = admin.http().put(member(user), Map.of("role", "manager"));
    assertThat(adminPromotesToManager.status()).isEqualTo(403);
    assertThat(adminPromotesToManager.problemCode()).isEqualTo("role_change_forbidden");
    Response adminPromotesToAdmin = admin.http().put(member(user), Map.of("role", "admin"));
    assertThat(adminPromotesToAdmin.status()).isEqualTo(200);
    assertThat(adminPromotesToAdmin.json().get("role").asText()).isEqualTo("admin");
    assertThat(admin.http().put(member(user), Map.of("role", "user")).status()).isEqualTo(200);

    assertThat(manager.http().put(member(user), Map.of("role", "manager")).status()).isEqualTo(200);
    assertThat(manager.http().put(member(admin), Map.of("role", "user")).problemCode())
        .isEqualTo("role_change_forbidden");
    assertThat(user.http().put(member(manager), Map.of("role", "user")).problemCode())
        .isEqualTo("role_change_forbidden");
    assertThat(owner.http().put(member(manager), Map.of("role", "boss")).status()).isEqualTo(422);
    assertThat(
            owner
                .http()
                .put(
                    "/api/v1/organizations/current/members/" + UUID.randomUUID(),
                    Map.of("role", "user"))
                .status())
        .isEqualTo(404);

    Response lastOwner = owner.http().put(member(owner), Map.of("role", "admin"));
    assertThat(lastOwner.status()).isEqualTo(409);
    assertThat(lastOwner.problemCode()).isEqualTo("last_owner");
    assertThat(owner.http().post("/api/v1/organizations/current/leave", null).problemCode())
        .isEqualTo("last_owner");
    assertThat(owner.http().delete(member(owner)).problemCode()).isEqualTo("last_owner");

    assertThat(owner.http().put(member(admin), Map.of("role", "owner")).status()).isEqualTo(200);
    assertThat(owner.http().put(member(owner), Map.of("role", "admin")).status()).isEqualTo(200);
    JsonNode audit =
        admin
            .http()
            .get("/api/v1/organizations/current/audit-logs?page_size=200")
            .json()
            .get("items");
    JsonNode change =
        audit.findParents("action").stream()
            .filter(e -> e.get("action").asText().equals("member.role_changed"))
            .findFirst()
            .orElseThrow();
    assertThat(change.get("details").get("before").asText()).isEqualTo("admin");
    assertThat(change.get("details").get("after").asText()).isEqualTo("owner");
  }

  @Test
  void removalFollowsTheRulesAndTakesEffectAtOnce() {
    SignedIn owner = Accounts.register(app);
    UUID id = Organizations.create(owner, "Acme");
    SignedIn admin = Organizations.addMember(app, owner, id, "admin");
    SignedIn manager = Organizations.addMember(app, owner, id, "manager");
    SignedIn user = Organizations.addMember(app, owner, id, "user");

    assertThat(manager.http().delete(member(admin)).status()).isEqualTo(403);
    assertThat(admin.http().delete(member(manager)).status()).isEqualTo(403);
    assertThat(user.http().delete(member(manager)).status()).isEqualTo(403);
    assertThat(user.http().get("/api/v1/organizations/current/members").json()).hasSize(4);

    assertThat(manager.http().delete(member(user)).status()).isEqualTo(204);
    Response removed = user.http().get("/api/v1/organizations/current/members");
    assertThat(removed.status()).isEqualTo(400);
    assertThat(removed.problemCode()).isEqualTo("organization_required");
    assertThat(
            user.http()
                .put("/api/v1/organizations/current", Map.of("organization_id", id.toString()))
                .status())
        .isEqualTo(404);

    assertThat(manager.http().post("/api/v1/organizations/current/leave", null).status())
        .isEqualTo(204);
    assertThat(manager.http().get("/api/v1/organizations").json()).isEmpty();
    assertThat(auditActions(id)).contains("member.removed", "member.left");
  }

  @Test
  void aDemotedMemberLosesTheRightOnTheNextRequest() {
    SignedIn owner = Accounts.register(app);
    UUID id = Organizations.create(owner, "Acme");
    SignedIn admin = Organizations.addMember(app, owner, id, "admin");
    assertThat(admin.http().patch("/api/v1/organizations/current", Map.of("name", "Mine")).status())
        .isEqualTo(200);
    owner.http().put(member(admin), Map.of("role", "user"));
    assertThat(
            admin
                .http()
                .patch("/api/v1/organizations/current", Map.of("name", "Still mine?"))
                .status())
        .isEqualTo(403);
    assertThat(
            admin
                .http()
                .get("/api/v1/user/me")
                .json()
                .get("current_organization")
                .get("role")
                .asText())
        .isEqualTo("user");
  }

  @Test
  void theAuditChainIsAppendOnlyAndTamperEvident() {
    SignedIn owner = Accounts.register(app);
    UUID id = Organizations.create(owner, "Audited");
    owner.http().patch("/api/v1/organizations/current", Map.of("name", "Audited Inc"));
    SignedIn admin = Organizations.addMember(app, owner, id, "admin");

    JsonNode page = admin.http().get("/api/v1/organizations/current/audit-logs?page_size=2").json();
    assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(page.get("items")).hasSize(2);
    assertThat(page.get("items").get(0).get("action").asText()).isEqualTo("invitation.accepted");
    JsonNode verified = owner.http().get("/api/v1/organizations/current/audit-logs/verify").json();
    assertThat(verified.get("intact").asBoolean()).isTrue();
    assertThat(verified.get("entries").asInt()).isEqualTo(page.get("total").asInt());
    assertThat(verified.has("first_broken_id")).isFalse();

    assertThat(
            Organizations.addMember(app, owner, id, "user")
                .http()
                .get("/api/v1/organizations/current/audit-logs")
                .status())
        .isEqualTo(403);

    Throwable update =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                app.database()
                    .jdbi()
                    .useHandle(
                        h ->
                            h.execute(
                                "UPDATE audit_log SET action = 'x' WHERE organization_id = ?",
                                id)));
    assertThat(update).hasMessageContaining("append-only");
    Throwable delete =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                app.database()
                    .jdbi()
                    .useHandle(
                        h -> h.execute("DELETE FROM audit_log WHERE organization_id = ?", id)));
    assertThat(delete).hasMessageContaining("append-only");

    String tampered =
        app.database()
            .jdbi()
            .withHandle(
                h -> {
                  h.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
                  try {
                    return h.createQuery(
                            "UPDATE audit_log SET details = '{\"name\":\"forged\"}' WHERE seq = (SELECT seq FROM audit_log WHERE organization_id = :id ORDER BY seq LIMIT 1 OFFSET 1) RETURNING id::text")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one();
                  } finally {
                    h.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
                  }
                });
    JsonNode broken = owner.http().get("/api/v1/organizations/current/audit-logs/verify").json();
    assertThat(broken.get("intact").asBoolean()).isFalse();
    assertThat(broken.get("first_broken_id").asText()).isEqualTo(tampered);
  }

  private static String member(SignedIn member) {
    return "/api/v1/organizations/current/members/" + member.userId();
  }

  private java.util.List<String> auditActions(UUID organizationId) {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT action FROM audit_log WHERE organization_id = :id ORDER BY seq")
                    .bind("id", organizationId)
                    .mapTo(String.class)
                    .list());
  }
}
