package io.atrium.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts.SignedIn;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Shortcuts for tests that need API keys: a key made by a signed-in user in their current
 * workspace, and a client that sends it.
 */
public final class ApiKeys {
  private ApiKeys() {}

  /** A key as its creation answered it: {@code secret} is the only copy of the key. */
  public record Key(UUID id, String secret, String prefix, String role, JsonNode created) {
    /** A fresh client sending this key as its bearer credential. */
    public Http http(TestApp app) {
      return app.http().token(secret);
    }
  }

  /** A personal key (in the personal workspace) or one with the default role (in an org). */
  public static Key create(SignedIn creator) {
    return create(creator, null);
  }

  /**
   * A key in {@code creator}'s current workspace; {@code role} null for a personal key or the
   * default role. The creator must be allowed to make it.
   */
  public static Key create(SignedIn creator, String role) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "key-" + UUID.randomUUID().toString().substring(0, 8));
    if (role != null) {
      body.put("role", role);
    }
    Http.Response created = creator.http().post("/api/v1/api-keys", body);
    if (created.status() != 201) {
      throw new AssertionError("API key creation failed: " + created);
    }
    JsonNode json = created.json();
    return new Key(
        UUID.fromString(json.get("id").asText()),
        json.get("key").asText(),
        json.get("prefix").asText(),
        json.get("role").isNull() ? null : json.get("role").asText(),
        json);
  }

  /**
   * A key of {@code role} in the organization {@code owner} is in, made by its owner (who may issue
   * every role).
   */
  public static Http client(TestApp app, SignedIn owner, String role) {
    return create(owner, role).http(app);
  }
}
