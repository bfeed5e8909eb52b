package io.atrium.api.apikey;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.atrium.common.apikey.ApiKey;
import io.atrium.common.apikey.ApiKeyService;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the API key routes. */
final class ApiKeyMessages {
  private ApiKeyMessages() {}

  record CreateApiKeyRequest(String name, String role, Integer expiresInDays) {}

  record RenameApiKeyRequest(String name) {}

  record ApiKeyResponse(
      UUID id,
      String name,
      String prefix,
      String role,
      UUID createdBy,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt) {
    static ApiKeyResponse from(ApiKey key) {
      return new ApiKeyResponse(
          key.id(),
          key.name(),
          key.prefix(),
          key.role(),
          key.createdBy(),
          key.createdAt(),
          key.expiresAt(),
          key.lastUsedAt(),
          key.revokedAt());
    }
  }

  /** The one answer that carries the secret: the key's fields and {@code key}. */
  record CreatedApiKeyResponse(@JsonUnwrapped ApiKeyResponse apiKey, String key) {
    static CreatedApiKeyResponse from(ApiKeyService.Created created) {
      return new CreatedApiKeyResponse(
          ApiKeyResponse.from(created.key()), created.secret().value());
    }

    @Override
    public String toString() {
      return "CreatedApiKeyResponse[id=" + apiKey.id() + ", prefix=" + apiKey.prefix() + "]";
    }
  }
}
