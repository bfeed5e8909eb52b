package io.atrium.common.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A model: public ({@code organizationId} null, managed by the platform admin) or one
 * organization's own. Operational while both activations are set (a generated column).
 */
public record Model(
    UUID id,
    String name,
    String code,
    String description,
    String visibility,
    UUID organizationId,
    UUID createdBy,
    UUID techActivatedBy,
    Instant techActivatedAt,
    UUID ecoActivatedBy,
    Instant ecoActivatedAt,
    boolean isOperational,
    Instant createdAt,
    Instant updatedAt) {
  public static final String PUBLIC = "public";
  public static final String ORGANIZATION = "organization";

  public boolean isPublic() {
    return organizationId == null;
  }
}
