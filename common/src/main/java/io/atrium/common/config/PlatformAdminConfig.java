package io.atrium.common.config;

import java.util.Optional;

/**
 * The platform admin account, when configured, and the name of the platform's own organization
 * (PLATFORM_ORGANIZATION_NAME), which web start creates once with that admin as owner.
 */
public record PlatformAdminConfig(
    Optional<String> email, Optional<String> password, Optional<String> organizationName) {
  public PlatformAdminConfig(Optional<String> email, Optional<String> password) {
    this(email, password, Optional.empty());
  }

  @Override
  public String toString() {
    return "PlatformAdminConfig[email="
        + email.orElse("-")
        + ", organization="
        + organizationName.orElse("-")
        + "]";
  }
}
