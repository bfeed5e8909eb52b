package io.atrium.api.support;

import io.atrium.api.support.Accounts.SignedIn;
import java.util.Map;
import java.util.UUID;

/** Shortcuts for tests that need organizations with members in given roles. */
public final class Organizations {
  private Organizations() {}

  /** Creates an organization owned by {@code owner} and switches the owner's session into it. */
  public static UUID create(SignedIn owner, String name) {
    Http.Response created = owner.http().post("/api/v1/organizations", Map.of("name", name));
    if (created.status() != 201) {
      throw new AssertionError("create failed: " + created);
    }
    UUID id = UUID.fromString(created.json().get("id").asText());
    switchTo(owner, id);
    return id;
  }

  /** Switches the session (and its client's token) into {@code organizationId} (null: personal). */
  public static void switchTo(SignedIn user, UUID organizationId) {
    Http.Response switched =
        user.http()
            .put(
                "/api/v1/organizations/current",
                java.util.Collections.singletonMap("organization_id", organizationId));
    if (switched.status() != 200) {
      throw new AssertionError("switch failed: " + switched);
    }
    user.http().token(switched.json().get("access_token").asText());
  }

  /**
   * Invites a new user as {@code role} (the inviter must be allowed to), accepts through the link's
   * token by creating the account, and returns the new member signed in inside it.
   */
  public static SignedIn addMember(
      TestApp app, SignedIn inviter, UUID organizationId, String role) {
    String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Http.Response invited =
        inviter
            .http()
            .post(
                "/api/v1/organizations/current/invitations", Map.of("email", email, "role", role));
    if (invited.status() != 201) {
      throw new AssertionError("invite failed: " + invited);
    }
    String token = Mailbox.invitationToken(app, email);
    Http http = app.http();
    Http.Response accepted =
        http.post(
            "/api/v1/invitations/" + token + "/accept",
            Map.of("password", Accounts.PASSWORD, "display_name", "Member"));
    if (accepted.status() != 201) {
      throw new AssertionError("accept failed: " + accepted);
    }
    return Accounts.signedIn(email, accepted, http);
  }
}
