package io.atrium.common.account;

import java.util.UUID;

/**
 * Who makes a request, as read from the database on that very request: a revoked session or a
 * changed role takes effect at once. {@code organizationId} null: the personal workspace.
 */
public record Caller(
    UUID userId,
    UUID sessionId,
    String email,
    String platformRole,
    UUID organizationId,
    String organizationRole,
    String organizationStatus,
    UUID apiKeyId)
    implements io.atrium.common.authorization.Principal {

  public boolean platformAdmin() {
    return User.PLATFORM_ADMIN.equals(platformRole);
  }

  public boolean viaApiKey() {
    return apiKeyId != null;
  }
}
