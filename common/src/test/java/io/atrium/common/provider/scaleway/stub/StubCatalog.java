package io.atrium.common.provider.scaleway.stub;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The products the stub answers per zone: commercial types and their availability. {@link
 * #standard()} is a fixture shaped on Scaleway's GPU range (names, sizes in bytes); its prices are
 * fixture values, not a price list.
 */
public final class StubCatalog {
  private static final long GIB = 1L << 30;

  /** One commercial type as {@code products/servers} describes it. */
  public record Type(
      String code,
      BigDecimal hourlyPrice,
      int ncpus,
      long ramBytes,
      int gpus,
      String gpuManufacturer,
      String gpuName,
      long gpuMemoryBytes,
      String arch) {
    public static Type gpu(
        String code, String price, int ncpus, int ramGib, int gpus, String gpuName, int vramGib) {
      return new Type(
          code,
          new BigDecimal(price),
          ncpus,
          ramGib * GIB,
          gpus,
          "NVIDIA",
          gpuName,
          vramGib * GIB,
          "x86_64");
    }

    public static Type cpu(String code, String price, int ncpus, int ramGib) {
      return new Type(code, new BigDecimal(price), ncpus, ramGib * GIB, 0, null, null, 0, "x86_64");
    }

    public boolean hasGpu() {
      return gpus > 0;
    }
  }

  private final Map<String, Map<String, Type>> types = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> availability = new LinkedHashMap<>();

  /** An empty catalog: zones with nothing to sell. */
  public static StubCatalog empty() {
    return new StubCatalog();
  }

  /**
   * fr-par-1: six types (five GPU, one CPU); fr-par-2: four; nl-ams-1: three; pl-waw-1: three. Some
   * {@code scarce} or {@code shortage}.
   */
  public static StubCatalog standard() {
    Type l4 = Type.gpu("L4-1-24G", "0.75", 8, 48, 1, "L4", 24);
    Type l4x2 = Type.gpu("L4-2-24G", "1.50", 16, 96, 2, "L4", 24);
    Type l40s = Type.gpu("L40S-1-48G", "1.40", 8, 96, 1, "L40S", 48);
    Type h100 = Type.gpu("H100-1-80G", "2.73", 24, 240, 1, "H100", 80);
    Type h100x2 = Type.gpu("H100-2-80G", "5.46", 48, 480, 2, "H100", 80);
    Type dev = Type.cpu("DEV1-S", "0.01", 2, 2);
    StubCatalog catalog = new StubCatalog();
    catalog.put("fr-par-1", l4, "available");
    catalog.put("fr-par-1", l4x2, "available");
    catalog.put("fr-par-1", l40s, "scarce");
    catalog.put("fr-par-1", h100, "shortage");
    catalog.put("fr-par-1", h100x2, "scarce");
    catalog.put("fr-par-1", dev, "available");
    catalog.put("fr-par-2", l4, "available");
    catalog.put("fr-par-2", l40s, "available");
    catalog.put("fr-par-2", h100, "scarce");
    catalog.put("fr-par-2", h100x2, "shortage");
    catalog.put("nl-ams-1", l4, "available");
    catalog.put("nl-ams-1", l40s, "scarce");
    catalog.put("nl-ams-1", dev, "available");
    catalog.put("pl-waw-1", l4, "available");
    catalog.put("pl-waw-1", h100, "available");
    catalog.put("pl-waw-1", dev, "available");
    return catalog;
  }

  public synchronized StubCatalog put(String zone, Type type, String typeAvailability) {
    types.computeIfAbsent(zone, z -> new LinkedHashMap<>()).put(type.code(), type);
    availability
        .computeIfAbsent(zone, z -> new LinkedHashMap<>())
        .put(type.code(), typeAvailability);
    return this;
  }

  /** The type leaves the zone's catalog (and its availability list). */
  public synchronized StubCatalog remove(String zone, String code) {
    types.getOrDefault(zone, new LinkedHashMap<>()).remove(code);
    availability.getOrDefault(zone, new LinkedHashMap<>()).remove(code);
    return this;
  }

  public synchronized StubCatalog setAvailability(String zone, String code, String value) {
    availability.computeIfAbsent(zone, z -> new LinkedHashMap<>()).put(code, value);
    return this;
  }

  public synchronized List<Type> types(String zone) {
    return List.copyOf(types.getOrDefault(zone, Map.of()).values());
  }

  public synchronized Optional<Type> type(String zone, String code) {
    return Optional.ofNullable(types.getOrDefault(zone, Map.of()).get(code));
  }

  public synchronized Map<String, String> availability(String zone) {
    return Map.copyOf(availability.getOrDefault(zone, Map.of()));
  }

  public synchronized List<String> availabilityOrder(String zone) {
    return List.copyOf(availability.getOrDefault(zone, Map.of()).keySet());
  }
}
