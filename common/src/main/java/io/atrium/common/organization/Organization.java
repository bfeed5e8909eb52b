package io.atrium.common.organization;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record Organization(
    UUID id,
    String name,
    String slug,
    String subscriptionPlan,
    String status,
    BigDecimal walletBalanceEur,
    String sidebarColor,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt) {

  public static final String ACTIVE = "active";
  public static final String SUSPENDED = "suspended";

  public boolean suspended() {
    return SUSPENDED.equals(status);
  }
}
