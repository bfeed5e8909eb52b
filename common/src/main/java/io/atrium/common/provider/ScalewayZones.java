package io.atrium.common.provider;

import io.atrium.common.config.ProviderConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Scaleway zones a credential's {@code default_zone} may name: the Instance API's zones, and
 * any SCALEWAY_ZONES adds (a zone opened after this list was written).
 */
@Singleton
public final class ScalewayZones {
  /** The zone of the credential check when none is given ({@code scaleway.md}). */
  public static final String DEFAULT = "fr-par-1";

  static final List<String> INSTANCE_ZONES =
      List.of(
          "fr-par-1",
          "fr-par-2",
          "fr-par-3",
          "nl-ams-1",
          "nl-ams-2",
          "nl-ams-3",
          "pl-waw-1",
          "pl-waw-2",
          "pl-waw-3");

  private final Set<String> known;

  @Inject
  public ScalewayZones(ProviderConfig config) {
    Set<String> zones = new LinkedHashSet<>(INSTANCE_ZONES);
    zones.addAll(config.scalewayZones());
    this.known = Set.copyOf(zones);
  }

  public boolean known(String zone) {
    return known.contains(zone);
  }
}
