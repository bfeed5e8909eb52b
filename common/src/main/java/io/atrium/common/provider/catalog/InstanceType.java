package io.atrium.common.provider.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the catalog: a commercial type of one provider in one zone. Sizes in bytes, as the
 * provider gives them; the API shows GiB (bytes / 2^30). {@code availability} is null when the
 * provider's availability list did not name the type.
 */
public record InstanceType(
    String provider,
    String zone,
    String code,
    String name,
    BigDecimal hourlyPriceEur,
    int cpus,
    long ramBytes,
    int gpus,
    String gpuName,
    Long vramPerGpuBytes,
    String availability,
    boolean isActive,
    Instant firstSeenAt,
    Instant syncedAt,
    Instant deactivatedAt) {

  /** A type as one sync saw it (first seen, synced and deactivated times set by the upsert). */
  public static InstanceType seen(
      String provider,
      String zone,
      String code,
      BigDecimal hourlyPriceEur,
      int cpus,
      long ramBytes,
      int gpus,
      String gpuName,
      Long vramPerGpuBytes,
      String availability,
      boolean isActive,
      Instant at) {
    return new InstanceType(
        provider,
        zone,
        code,
        code,
        hourlyPriceEur,
        cpus,
        ramBytes,
        gpus,
        gpuName,
        vramPerGpuBytes,
        availability,
        isActive,
        at,
        at,
        isActive ? null : at);
  }
}
