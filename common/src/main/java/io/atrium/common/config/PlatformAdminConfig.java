package io.atrium.common.config;

import java.util.Optional;

/** The platform admin account, when configured. */
public record PlatformAdminConfig(Optional<String> email, Optional<String> password) {
  @Override
  public String toString() {
    return "PlatformAdminConfig[email=" + email.orElse("-") + "]";
  }
}
