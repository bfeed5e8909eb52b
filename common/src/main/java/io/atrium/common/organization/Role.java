package io.atrium.common.organization;

import java.util.Locale;
import java.util.Optional;

/** Organization roles, from most to least powerful. */
public enum Role {
  OWNER,
  ADMIN,
  MANAGER,
  USER;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.value().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  public static Role of(String value) {
    return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown role " + value));
  }
}
