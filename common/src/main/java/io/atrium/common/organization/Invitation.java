package io.atrium.common.organization;

import java.time.Instant;
import java.util.UUID;

/** An invitation; {@link #effectiveStatus} says expired for a pending one past its expiry. */
public record Invitation(
    UUID id,
    UUID organizationId,
    String email,
    String role,
    String status,
    UUID invitedBy,
    Instant createdAt,
    Instant expiresAt,
    Instant acceptedAt,
    Instant revokedAt) {

  public static final String PENDING = "pending";
  public static final String ACCEPTED = "accepted";
  public static final String REVOKED = "revoked";
  public static final String EXPIRED = "expired";

  public String effectiveStatus(Instant now) {
    return PENDING.equals(status) && !expiresAt.isAfter(now) ? EXPIRED : status;
  }
}
