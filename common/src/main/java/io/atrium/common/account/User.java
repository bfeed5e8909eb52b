package io.atrium.common.account;

import java.time.Instant;
import java.util.UUID;

/** An account. {@code passwordHash} never leaves the service layer. */
public record User(
    UUID id,
    String email,
    String displayName,
    String passwordHash,
    Instant emailVerifiedAt,
    String platformRole,
    String status,
    Instant createdAt,
    Instant updatedAt) {

  public static final String ACTIVE = "active";
  public static final String DISABLED = "disabled";
  public static final String PLATFORM_ADMIN = "platform_admin";

  public boolean disabled() {
    return DISABLED.equals(status);
  }

  public boolean emailVerified() {
    return emailVerifiedAt != null;
  }

  /** Without the password hash: records end up in log lines and exception messages. */
  @Override
  public String toString() {
    return "User[id="
        + id
        + ", email="
        + email
        + ", status="
        + status
        + ", platformRole="
        + platformRole
        + ", emailVerified="
        + emailVerified()
        + ", passwordHash=<redacted>]";
  }
}
