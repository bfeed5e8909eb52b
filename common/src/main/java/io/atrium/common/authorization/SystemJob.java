package io.atrium.common.authorization;

import java.util.UUID;

/**
 * A job acting for the system: on one organization's resources (its provider jobs), or on the
 * platform as a whole ({@code organizationId} null: the catalog sync, maintenance).
 */
public record SystemJob(String jobKind, UUID organizationId) implements Principal {
  public static SystemJob platform(String jobKind) {
    return new SystemJob(jobKind, null);
  }

  public static SystemJob forOrganization(String jobKind, UUID organizationId) {
    return new SystemJob(jobKind, organizationId);
  }
}
