package io.atrium.common.notification;

import java.util.Optional;

/** The five kinds of notification, and from where each may be sent. */
public enum NotificationType {
  PLATFORM_TO_USERS(Scope.PLATFORM),
  PLATFORM_TO_ORG_OWNERS(Scope.PLATFORM),
  SYSTEM_ALERTS(Scope.PLATFORM),
  ORG_TO_PROSPECTS(Scope.ORGANIZATION),
  ORG_OWNER_TO_MEMBERS(Scope.ORGANIZATION);

  /**
   * Platform types go through /admin (platform admin); organization types through the current org
   * (owner, admin).
   */
  public enum Scope {
    PLATFORM,
    ORGANIZATION
  }

  private final Scope scope;

  NotificationType(Scope scope) {
    this.scope = scope;
  }

  public Scope scope() {
    return scope;
  }

  public String value() {
    return name().toLowerCase();
  }

  public static Optional<NotificationType> parse(String value) {
    for (NotificationType type : values()) {
      if (type.value().equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
