package io.atrium.common.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The cloud provider: its API, the platform's own catalog credentials, and job timings. */
public record ProviderConfig(
    URI scalewayApiUrl,
    Optional<String> scalewaySecretKey,
    Optional<String> scalewayProjectId,
    List<String> scalewayZones,
    Duration instanceStartupTimeout,
    Duration orphanGrace) {
  @Override
  public String toString() {
    return "ProviderConfig[scalewayApiUrl=" + scalewayApiUrl + ", zones=" + scalewayZones + "]";
  }
}
