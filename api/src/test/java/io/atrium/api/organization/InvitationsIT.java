package io.atrium.api.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvitationsIT {
  private static final String INVITATIONS = "/api/v1/organizations/current/invitations";
  private final TestApp app = TestApp.shared();
  private SignedIn owner;
  private UUID organizationId;

  @BeforeEach
  void setUp() {
    app.reset();
    owner = Accounts.register(app);
    organizationId = Organizations.create(owner, "Inviting Org");
  }

  @Test
  void anInvitationIsPreviewedWithoutBeingConsumedAndAcceptedOnce() {
    Response invited =
        owner
            .http()
            .post(INVITATIONS, Map.of("email", "New.Person@Example.com", "role", "manager"));
    assertThat(invited.status()).isEqualTo(201);
    JsonNode invitation = invited.json();
    assertThat(invitation.get("email").asText()).isEqualTo("new.person@example.com");
    assertThat(invitation.get("status").asText()).isEqualTo("pending");
    assertThat(invitation.get("invited_by").asText()).isEqualTo(owner.userId().toString());
    assertThat(invitation.toString()).doesNotContain("token");

    String token = Mailbox.invitationToken(app, "new.person@example.com");
    assertThat(token).matches("[A-Za-z0-9_-]{22,}");
    for (int i = 0; i < 2; i++) {
      JsonNode preview = app.http().get("/api/v1/invitations/" + token).json();
      assertThat(preview.get("organization").get("name").asText()).isEqualTo("Inviting Org");
      assertThat(preview.get("role").asText()).isEqualTo("manager");
      assertThat(preview.get("invited_by").asText()).isEqualTo("Test User");
      assertThat(preview.get("status").asText()).isEqualTo("pending");
    }

    Response created =
        app.http()
            .post(
                "/api/v1/invitations/" + token + "/accept", Map.of("password", Accounts.PASSWORD));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("user").get("email_verified").asBoolean()).isTrue();
    assertThat(created.json().get("role").asText()).isEqualTo("manager");
    assertThat(created.json().get("organization").get("id").asText())
        .isEqualTo(organizationId.toString());
    String access = created.json().get("access_token").asText();
    JsonNode me = app.http().token(access).get("/api/v1/user/me").json();
    assertThat(me.get("current_organization").get("role").asText()).isEqualTo("manager");

    Response again =
        app.http()
            .post(
                "/api/v1/invitations/" + token + "/accept", Map.of("password", Accounts.PASSWORD));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("invitation_already_accepted");
    assertThat(owner.http().get(INVITATIONS + "?status=accepted").json().get("total").asInt())
        .isEqualTo(1);
    assertThat(owner.http().get(INVITATIONS + "?status=pending").json().get("total").asInt())
        .isZero();
    assertThat(owner.http().get(INVITATIONS + "?status=bogus").status()).isEqualTo(422);
  }

  @Test
  void twoConcurrentAcceptancesCreateOneAccount() throws Exception {
    owner.http().post(INVITATIONS, Map.of("email", "race@example.com", "role", "user"));
    String token = Mailbox.invitationToken(app, "race@example.com");
    Callable<Integer> accept =
        () ->
            app.http()
                .post(
                    "/api/v1/invitations/" + token + "/accept",
                    Map.of("password", Accounts.PASSWORD))
                .status();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Integer> statuses =
          pool.invokeAll(List.of(accept, accept)).stream()
              .map(InvitationsIT::get)
              .sorted()
              .toList();
      assertThat(statuses).containsExactly(201, 409);
    } finally {
      pool.shutdownNow();
    }
    assertThat(owner.http().get("/api/v1/organizations/current/members").json()).hasSize(2);
  }

  @Test
  void rolesAnInviterMayNotGrantAre403() {
    SignedIn admin = Organizations.addMember(app, owner, organizationId, "admin");
    Response asAdmin =
        admin.http().post(INVITATIONS, Map.of("email", "x@example.com", "role", "admin"));
    assertThat(asAdmin.status()).isEqualTo(403);
    assertThat(asAdmin.problemCode()).isEqualTo("role_not_allowed");
    assertThat(
            admin
                .http()
                .post(INVITATIONS, Map.of("email", "x@example.com", "role", "owner"))
                .problemCode())
        .isEqualTo("role_not_allowed");
    assertThat(
            admin
                .http()
                .post(INVITATIONS, Map.of("email", "x@example.com", "role", "manager"))
                .status())
        .isEqualTo(201);
    SignedIn user = Organizations.addMember(app, owner, organizationId, "user");
    assertThat(
            user.http()
                .post(INVITATIONS, Map.of("email", "y@example.com", "role", "user"))
                .status())
        .isEqualTo(403);
    assertThat(user.http().get(INVITATIONS).status()).isEqualTo(403);
  }

  @Test
  void membersAndPendingInvitationsAreConflicts() {
    SignedIn member = Organizations.addMember(app, owner, organizationId, "user");
    Response already =
        owner
            .http()
            .post(INVITATIONS, Map.of("email", member.email().toUpperCase(), "role", "user"));
    assertThat(already.status()).isEqualTo(409);
    assertThat(already.problemCode()).isEqualTo("already_member");
    owner.http().post(INVITATIONS, Map.of("email", "pending@example.com", "role", "user"));
    Response pending =
        owner.http().post(INVITATIONS, Map.of("email", "pending@example.com", "role", "admin"));
    assertThat(pending.status()).isEqualTo(409);
    assertThat(pending.problemCode()).isEqualTo("invitation_pending");
  }

  @Test
  void revokedAndExpiredInvitationsAreGoneAndResendRotatesTheLink() {
    UUID revokedId =
        id(owner.http().post(INVITATIONS, Map.of("email", "revoked@example.com", "role", "user")));
    String revokedToken = Mailbox.invitationToken(app, "revoked@example.com");
    assertThat(owner.http().delete(INVITATIONS + "/" + revokedId).status()).isEqualTo(204);
    Response revoked =
        app.http()
            .post(
                "/api/v1/invitations/" + revokedToken + "/accept",
                Map.of("password", Accounts.PASSWORD));
    assertThat(revoked.status()).isEqualTo(410);
    assertThat(revoked.problemCode()).isEqualTo("invitation_revoked");
    assertThat(owner.http().post(INVITATIONS + "/" + revokedId + "/resend", null).problemCode())
        .isEqualTo("invitation_revoked");

    UUID resentId =
        id(owner.http().post(INVITATIONS, Map.of("email", "resent@example.com", "role", "user")));
    String oldToken = Mailbox.invitationToken(app, "resent@example.com");
    Response resent = owner.http().post(INVITATIONS + "/" + resentId + "/resend", null);
    assertThat(resent.status()).isEqualTo(200);
    String newToken = Mailbox.invitationToken(app, "resent@example.com");
    assertThat(newToken).isNotEqualTo(oldToken);
    assertThat(app.http().get("/api/v1/invitations/" + oldToken).status()).isEqualTo(404);
    assertThat(app.http().get("/api/v1/invitations/" + newToken).status()).isEqualTo(200);

    owner.http().post(INVITATIONS, Map.of("email", "late@example.com", "role", "user"));
    String lateToken = Mailbox.invitationToken(app, "late@example.com");
    app.clock().advance(Duration.ofDays(7).plusMinutes(1));
    assertThat(app.http().get("/api/v1/invitations/" + lateToken).json().get("status").asText())
        .isEqualTo("expired");
    Response expired =
        app.http()
            .post(
                "/api/v1/invitations/" + lateToken + "/accept",
                Map.of("password", Accounts.PASSWORD));
    assertThat(expired.status()).isEqualTo(410);
    assertThat(expired.problemCode()).isEqualTo("invitation_expired");
    SignedIn ownerLater = Accounts.login(app, owner.email(), Accounts.PASSWORD);
    Organizations.switchTo(ownerLater, organizationId);
    assertThat(
            ownerLater
                .http()
                .post(INVITATIONS, Map.of("email", "late@example.com", "role", "user"))
                .status())
        .as("an expired invitation frees the slot (the owner signs in again: a week has passed)")
        .isEqualTo(201);
    assertThat(app.http().get("/api/v1/invitations/" + "x".repeat(43)).status()).isEqualTo(404);
  }

  @Test
  void signedInAcceptanceChecksTheEmailAndExistingAccountsMustLogIn() {
    SignedIn invitee = Accounts.register(app, "invitee@example.com");
    owner.http().post(INVITATIONS, Map.of("email", "INVITEE@example.com", "role", "admin"));
    String token = Mailbox.invitationToken(app, "invitee@example.com");

    Response anonymous =
        app.http()
            .post(
                "/api/v1/invitations/" + token + "/accept", Map.of("password", Accounts.PASSWORD));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.problemCode()).isEqualTo("login_required");

    SignedIn someoneElse = Accounts.register(app);
    Response mismatch = someoneElse.http().post("/api/v1/invitations/" + token + "/accept", null);
    assertThat(mismatch.status()).isEqualTo(403);
    assertThat(mismatch.problemCode()).isEqualTo("invitation_email_mismatch");

    Response accepted = invitee.http().post("/api/v1/invitations/" + token + "/accept", null);
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.json().get("role").asText()).isEqualTo("admin");
    assertThat(accepted.json().get("organization").get("id").asText())
        .isEqualTo(organizationId.toString());
    assertThat(invitee.http().get("/api/v1/organizations").json().get(0).get("role").asText())
        .isEqualTo("admin");
  }

  @Test
  void aStaleInvitationNeverChangesAMembersRole() {
    SignedIn invitee = Accounts.register(app, "stale@example.com");
    owner.http().post(INVITATIONS, Map.of("email", "stale@example.com", "role", "user"));
    String token = Mailbox.invitationToken(app, "stale@example.com");
    // Meanwhile the invitee became an owner by another path (the platform admin, say).
    app.database()
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES (?, ?, 'owner', now())",
                    organizationId,
                    invitee.userId()));
    Response accepted = invitee.http().post("/api/v1/invitations/" + token + "/accept", null);
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.json().get("role").asText()).isEqualTo("owner");
  }

  @Test
  void theTokenIsOnlyInTheEmailAndStoredHashed() {
    owner.http().post(INVITATIONS, Map.of("email", "hashed@example.com", "role", "user"));
    String token = Mailbox.invitationToken(app, "hashed@example.com");
    List<String> stored =
        app.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT encode(token_hash, 'escape') FROM invitations")
                        .mapTo(String.class)
                        .list());
    assertThat(stored).noneMatch(s -> s.contains(token));
    assertThat(Mailbox.rawJobArguments(app)).doesNotContain(token);
  }

  private static UUID id(Response response) {
    assertThat(response.status()).isEqualTo(201);
    return UUID.fromString(response.json().get("id").asText());
  }

  private static Integer get(Future<Integer> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
