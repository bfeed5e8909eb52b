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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API key routes and what a key may do, over HTTP. */
class ApiKeysIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void aPersonalKeyIsShownOnceAndActsAsItsUser() {
    SignedIn user = Accounts.register(app);
    Instant before = app.clock().instant();
    Response created = user.http().post("/api/v1/api-keys", Map.of("name", "  laptop  "));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode json = created.json();
    String secret = json.get("key").asText();
    assertThat(secret).matches("atr_[0-9A-Za-z]{38}");
    assertThat(json.get("prefix").asText()).isEqualTo(secret.substring(0, 12));
    assertThat(json.get("name").asText()).isEqualTo("laptop");
    assertThat(json.get("role").isNull()).isTrue();
    assertThat(json.get("created_by").asText()).isEqualTo(user.userId().toString());
    assertThat(json.get("last_used_at").isNull()).isTrue();
    assertThat(json.get("revoked_at").isNull()).isTrue();
    Instant expires = Instant.parse(json.get("expires_at").asText());
    assertThat(expires)
        .isBetween(
            before.plus(Duration.ofDays(90)), before.plus(Duration.ofDays(90)).plusSeconds(60));

    Response listed = user.http().get("/api/v1/api-keys");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(secret).doesNotContain(secret.substring(12));
    assertThat(listed.json().get("total").asLong()).isEqualTo(1);
    JsonNode item = listed.json().get("items").get(0);
    assertThat(item.has("key")).isFalse();
    assertThat(item.get("id").asText()).isEqualTo(json.get("id").asText());
    assertThat(item.get("prefix").asText()).isEqualTo(secret.substring(0, 12));

    Http withKey = app.http().token(secret);
    Response me = withKey.get("/api/v1/user/me");
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().get("id").asText()).isEqualTo(user.userId().toString());
    Response current = withKey.get("/api/v1/organizations/current");
    assertThat(current.status()).isEqualTo(400);
    assertThat(current.problemCode()).isEqualTo("organization_required");
  }

  @Test
  void aPersonalKeyTakesNoRole() {
    SignedIn user = Accounts.register(app);
    Response refused = user.http().post("/api/v1/api-keys", Map.of("name", "k", "role", "user"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("\"role\"");
  }

  @Test
  void anOrganizationKeyActsWithItsRoleNoHigherThanItsCreators() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Keys Org");
    SignedIn admin = Organizations.addMember(app, owner, organization, "admin");

    Response byDefault = admin.http().post("/api/v1/api-keys", Map.of("name", "ci"));
    assertThat(byDefault.status()).isEqualTo(201);
    assertThat(byDefault.json().get("role").asText()).isEqualTo("user");

    Response above = admin.http().post("/api/v1/api-keys", Map.of("name", "ci", "role", "owner"));
    assertThat(above.status()).isEqualTo(403);
    assertThat(above.problemCode()).isEqualTo("role_not_allowed");

    Response same = admin.http().post("/api/v1/api-keys", Map.of("name", "ci", "role", "admin"));
    assertThat(same.status()).isEqualTo(201);
    Response unknown =
        admin.http().post("/api/v1/api-keys", Map.of("name", "ci", "role", "superuser"));
    assertThat(unknown.status()).isEqualTo(422);

    ApiKeys.Key ownerKey = ApiKeys.create(owner, "owner");
    Response current = ownerKey.http(app).get("/api/v1/organizations/current");
    assertThat(current.status()).as(current.toString()).isEqualTo(200);
    assertThat(current.json().get("id").asText()).isEqualTo(organization.toString());
    assertThat(current.json().get("role").asText()).isEqualTo("owner");
    Response asUserKey =
        app.http().token(byDefault.json().get("key").asText()).get("/api/v1/organizations/current");
    assertThat(asUserKey.json().get("role").asText()).isEqualTo("user");
  }

  @Test
  void expiryIsOneTo365DaysAndAnExpiredKeyIs401() {
    SignedIn user = Accounts.register(app);
    for (Object days : List.of(0, -1, 366, 100_000)) {
      Response refused =
          user.http().post("/api/v1/api-keys", Map.of("name", "k", "expires_in_days", days));
      assertThat(refused.status()).as("days " + days).isEqualTo(422);
      assertThat(refused.body()).contains("expires_in_days");
    }
    Response longest =
        user.http().post("/api/v1/api-keys", Map.of("name", "k", "expires_in_days", 365));
    assertThat(longest.status()).isEqualTo(201);
    Response shortest =
        user.http().post("/api/v1/api-keys", Map.of("name", "k", "expires_in_days", 1));
    assertThat(shortest.status()).isEqualTo(201);
    Http withShort = app.http().token(shortest.json().get("key").asText());
    Http withLong = app.http().token(longest.json().get("key").asText());
    assertThat(withShort.get("/api/v1/user/me").status()).isEqualTo(200);

    app.clock().advance(Duration.ofDays(1).plusMinutes(1));
    Response expired = withShort.get("/api/v1/user/me");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.problemCode()).isEqualTo("unauthorized");
    assertThat(withLong.get("/api/v1/user/me").status()).isEqualTo(200);
  }

  @Test
  void aRevokedKeyIs401AtOnce() {
    SignedIn user = Accounts.register(app);
    ApiKeys.Key key = ApiKeys.create(user);
    Http withKey = key.http(app);
    assertThat(withKey.get("/api/v1/user/me").status()).isEqualTo(200);

    assertThat(user.http().delete("/api/v1/api-keys/" + key.id()).status()).isEqualTo(204);
    Response revoked = withKey.get("/api/v1/user/me");
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.problemCode()).isEqualTo("unauthorized");
    JsonNode listed = user.http().get("/api/v1/api-keys").json().get("items").get(0);
    assertThat(listed.get("revoked_at").isNull()).isFalse();
    assertThat(user.http().delete("/api/v1/api-keys/" + key.id()).status()).isEqualTo(204);
  }

  @Test
  void malformedKeysAndWrongChecksumsAre401() {
    SignedIn user = Accounts.register(app);
    String secret = ApiKeys.create(user).secret();
    char changed = secret.charAt(10) == 'a' ? 'b' : 'a';
    String typo = secret.substring(0, 10) + changed + secret.substring(11);
    List<String> bad =
        List.of(
            "atr_",
            "atr_short",
            secret.substring(0, secret.length() - 1),
            secret + "0",
            typo,
            secret.substring(0, 20) + "-" + secret.substring(21));
    for (String token : bad) {
      Response refused = app.http().token(token).get("/api/v1/user/me");
      assertThat(refused.status()).as(token).isEqualTo(401);
      assertThat(refused.problemCode()).isEqualTo("unauthorized");
    }
    assertThat(app.http().token(secret).get("/api/v1/user/me").status()).isEqualTo(200);
  }

  @Test
  void routesOutsideTheListAnswerApiKeyNotAllowed() {
    SignedIn owner = Accounts.register(app);
    Organizations.create(owner, "Closed Routes");
    Http withKey = ApiKeys.create(owner, "owner").http(app);
    List<Response> refused = new ArrayList<>();
    refused.add(withKey.get("/api/v1/auth/sessions"));
    refused.add(withKey.post("/api/v1/auth/logout", null));
    refused.add(withKey.patch("/api/v1/user/me", Map.of("display_name", "Key")));
    refused.add(withKey.get("/api/v1/user/notifications"));
    refused.add(withKey.get("/api/v1/organizations"));
    refused.add(withKey.get("/api/v1/organizations/current/members"));
    refused.add(withKey.get("/api/v1/organizations/current/invitations"));
    refused.add(withKey.get("/api/v1/organizations/current/audit-logs"));
    refused.add(withKey.patch("/api/v1/organizations/current", Map.of("name", "x")));
    refused.add(withKey.get("/api/v1/api-keys"));
    refused.add(withKey.post("/api/v1/api-keys", Map.of("name", "child")));
    refused.add(withKey.get("/api/v1/admin/overview"));
    for (Response response : refused) {
      assertThat(response.status()).as(response.toString()).isEqualTo(403);
      assertThat(response.problemCode()).isEqualTo("api_key_not_allowed");
    }
    Response malformedThere = app.http().token("atr_nonsense").get("/api/v1/auth/sessions");
    assertThat(malformedThere.problemCode()).isEqualTo("api_key_not_allowed");
  }

  @Test
  void lastUsedAtIsWrittenOnFirstUseThenAtMostOnceAMinute() {
    SignedIn user = Accounts.register(app);
    ApiKeys.Key key = ApiKeys.create(user);
    Http withKey = key.http(app);
    assertThat(lastUsed(user, key)).isNull();

    withKey.get("/api/v1/user/me");
    Instant first = lastUsed(user, key);
    assertThat(first).isNotNull();
    app.clock().advance(Duration.ofSeconds(30));
    withKey.get("/api/v1/user/me");
    assertThat(lastUsed(user, key)).isEqualTo(first);

    app.clock().advance(Duration.ofSeconds(31));
    withKey.get("/api/v1/user/me");
    Instant second = lastUsed(user, key);
    assertThat(second).isAfterOrEqualTo(first.plusSeconds(60));
    withKey.get("/api/v1/user/me");
    assertThat(lastUsed(user, key)).isEqualTo(second);
  }

  @Test
  void anOrganizationKeyKeepsWorkingAfterItsCreatorLeavesOrIsRemoved() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Lasting Keys");
    SignedIn leaving = Organizations.addMember(app, owner, organization, "admin");
    SignedIn removed = Organizations.addMember(app, owner, organization, "admin");
    ApiKeys.Key left = ApiKeys.create(leaving, "admin");
    ApiKeys.Key kept = ApiKeys.create(removed, "user");

    assertThat(leaving.http().post("/api/v1/organizations/current/leave", null).status())
        .isEqualTo(204);
    assertThat(
            owner
                .http()
                .delete("/api/v1/organizations/current/members/" + removed.userId())
                .status())
        .isEqualTo(204);

    for (ApiKeys.Key key : List.of(left, kept)) {
      Response current = key.http(app).get("/api/v1/organizations/current");
      assertThat(current.status()).as(current.toString()).isEqualTo(200);
      assertThat(current.json().get("role").asText()).isEqualTo(key.role());
    }
    JsonNode listed = owner.http().get("/api/v1/api-keys").json();
    assertThat(listed.get("total").asLong()).isEqualTo(2);
    List<String> creators = new ArrayList<>();
    listed.get("items").forEach(item -> creators.add(item.get("created_by").asText()));
    assertThat(creators)
        .containsExactlyInAnyOrder(leaving.userId().toString(), removed.userId().toString());
  }

  @Test
  void renamingChangesTheNameOnly() {
    SignedIn user = Accounts.register(app);
    ApiKeys.Key key = ApiKeys.create(user);
    Response renamed =
        user.http().patch("/api/v1/api-keys/" + key.id(), Map.of("name", "build server"));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertThat(renamed.json().get("name").asText()).isEqualTo("build server");
    assertThat(renamed.json().get("prefix").asText()).isEqualTo(key.prefix());
    assertThat(renamed.json().has("key")).isFalse();
    assertThat(key.http(app).get("/api/v1/user/me").status()).isEqualTo(200);

    Map<String, Object> blank = new HashMap<>();
    blank.put("name", " ");
    assertThat(user.http().patch("/api/v1/api-keys/" + key.id(), blank).status()).isEqualTo(422);
    assertThat(
            user.http().patch("/api/v1/api-keys/" + "x".repeat(101), Map.of("name", "n")).status())
        .isEqualTo(404);
    assertThat(
            user.http()
                .patch("/api/v1/api-keys/" + UUID.randomUUID(), Map.of("name", "n"))
                .status())
        .isEqualTo(404);
    assertThat(user.http().delete("/api/v1/api-keys/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(user.http().post("/api/v1/api-keys", Map.of("name", "n".repeat(101))).status())
        .isEqualTo(422);
  }

  @Test
  void creatingRenamingAndRevokingAreInTheOrganizationsAuditLog() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Audited Keys");
    SignedIn admin = Organizations.addMember(app, owner, organization, "admin");
    ApiKeys.Key key = ApiKeys.create(admin, "manager");
    admin.http().patch("/api/v1/api-keys/" + key.id(), Map.of("name", "renamed"));
    owner.http().delete("/api/v1/api-keys/" + key.id());

    JsonNode entries = owner.http().get("/api/v1/organizations/current/audit-logs").json();
    Map<String, String> actors = new HashMap<>();
    entries
        .get("items")
        .forEach(
            entry -> {
              if (entry.get("action").asText().startsWith("api_key.")) {
                assertThat(entry.get("target_id").asText()).isEqualTo(key.id().toString());
                assertThat(entry.toString()).doesNotContain(key.secret());
                actors.put(entry.get("action").asText(), entry.get("actor_user_id").asText());
              }
            });
    assertThat(actors)
        .containsEntry("api_key.created", admin.userId().toString())
        .containsEntry("api_key.renamed", admin.userId().toString())
        .containsEntry("api_key.revoked", owner.userId().toString());
    Response verified = owner.http().get("/api/v1/organizations/current/audit-logs/verify");
    assertThat(verified.json().get("intact").asBoolean()).isTrue();
  }

  private static Instant lastUsed(SignedIn user, ApiKeys.Key key) {
    for (JsonNode item : user.http().get("/api/v1/api-keys").json().get("items")) {
      if (item.get("id").asText().equals(key.id().toString())) {
        return item.get("last_used_at").isNull()
            ? null
            : Instant.parse(item.get("last_used_at").asText());
      }
    }
    throw new AssertionError("key not listed");
  }
}
