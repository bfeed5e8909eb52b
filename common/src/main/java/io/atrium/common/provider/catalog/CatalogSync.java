package io.atrium.common.provider.catalog;

import io.atrium.common.config.ProviderConfig;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.provider.scaleway.ScalewayClient;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.ScalewayException;
import io.atrium.common.provider.scaleway.ServerType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code provider.catalog_sync} does: the mock provider's fixed catalog, then per zone of
 * {@code SCALEWAY_ZONES} every page of {@code products/servers} and {@code
 * products/servers/availability} with the platform's credentials, upserted into {@code
 * instance_types}. A type the zone no longer lists becomes inactive, never deleted. A zone whose
 * calls fail keeps its rows as they were and does not stop the others. Provider calls happen
 * before, and outside, each zone's one transaction.
 */
@Singleton
public final class CatalogSync {
  public static final String SCALEWAY = "scaleway";
  private static final Set<String> AVAILABILITIES = Set.of("available", "scarce", "shortage");
  private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);

  /** What one zone's sync did: counts, or why it failed (its rows left as they were). */
  public record ZoneResult(
      String provider, String zone, int seen, int deactivated, Optional<String> failure) {
    public boolean failed() {
      return failure.isPresent();
    }
  }

  /** The whole run; {@code scalewaySkipped} when the platform credentials are not configured. */
  public record Report(boolean scalewaySkipped, List<ZoneResult> zones) {
    public List<ZoneResult> failedZones() {
      return zones.stream().filter(ZoneResult::failed).toList();
    }
  }

  private final ScalewayClient scaleway;
  private final ProviderConfig config;
  private final UnitOfWork work;
  private final Clock clock;

  @Inject
  public CatalogSync(ScalewayClient scaleway, ProviderConfig config, UnitOfWork work, Clock clock) {
    this.scaleway = scaleway;
    this.config = config;
    this.work = work;
    this.clock = clock;
  }

  public Report run() {
    List<ZoneResult> results = new ArrayList<>();
    Instant at = clock.instant();
    for (String zone : MockCatalog.ZONES) {
      List<InstanceType> types =
          MockCatalog.types(at).stream().filter(type -> type.zone().equals(zone)).toList();
      results.add(store(MockCatalog.PROVIDER, zone, types, at));
    }
    Optional<ScalewayCredentials> platform = platformCredentials();
    if (platform.isEmpty()) {
      log.info(
          "catalog sync: scaleway skipped, SCALEWAY_SECRET_KEY and SCALEWAY_PROJECT_ID are not both set");
      return new Report(true, results);
    }
    for (String zone : config.scalewayZones()) {
      results.add(syncScalewayZone(platform.get(), zone));
    }
    return new Report(false, results);
  }

  private Optional<ScalewayCredentials> platformCredentials() {
    if (config.scalewaySecretKey().isEmpty() || config.scalewayProjectId().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ScalewayCredentials(
            config.scalewaySecretKey().get(), config.scalewayProjectId().get()));
  }

  private ZoneResult syncScalewayZone(ScalewayCredentials platform, String zone) {
    Map<String, ServerType> types;
    Map<String, String> availability;
    try {
      types = scaleway.listServerTypes(platform, zone);
      availability = scaleway.listAvailability(platform, zone);
    } catch (ScalewayException e) {
      log.warn("catalog sync: zone {} left as it was: {}", zone, e.getMessage());
      return new ZoneResult(SCALEWAY, zone, 0, 0, Optional.of(e.getMessage()));
    }
    Instant at = clock.instant();
    List<InstanceType> rows = new ArrayList<>();
    types.forEach(
        (code, type) -> {
          String state = availability.get(code);
          rows.add(
              InstanceType.seen(
                  SCALEWAY,
                  zone,
                  code,
                  type.hourlyPrice(),
                  type.ncpus() == null ? 0 : type.ncpus(),
                  type.ram() == null ? 0 : type.ram(),
                  type.gpuCount(),
                  type.gpuInfo() == null ? null : type.gpuInfo().gpuName(),
                  type.gpuInfo() == null ? null : type.gpuInfo().gpuMemory(),
                  state != null && AVAILABILITIES.contains(state) ? state : null,
                  !Boolean.TRUE.equals(type.endOfService()) && type.hourlyPrice() != null,
                  at));
        });
    List<InstanceType> priced = rows.stream().filter(row -> row.hourlyPriceEur() != null).toList();
    return store(SCALEWAY, zone, priced, at);
  }

  private ZoneResult store(String provider, String zone, List<InstanceType> types, Instant at) {
    String[] seen = types.stream().map(InstanceType::code).toArray(String[]::new);
    int deactivated =
        work.inTransaction(
            handle -> {
              InstanceTypeDao dao = handle.attach(InstanceTypeDao.class);
              if (!types.isEmpty()) {
                dao.upsert(types);
              }
              return dao.deactivateAllBut(provider, zone, seen, at);
            });
    log.info(
        "catalog sync: {} {}: {} types, {} no longer listed",
        provider,
        zone,
        types.size(),
        deactivated);
    return new ZoneResult(provider, zone, types.size(), deactivated, Optional.empty());
  }
}
