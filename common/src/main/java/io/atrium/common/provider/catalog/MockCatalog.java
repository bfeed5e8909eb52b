package io.atrium.common.provider.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed catalog of the {@code mock} provider, the simulated one that needs no cloud account: a
 * few GPU types in a few zones, shaped on Scaleway's range. Its prices are the mock's own.
 */
public final class MockCatalog {
  public static final String PROVIDER = "mock";
  public static final List<String> ZONES = List.of("mock-par-1", "mock-ams-1");

  private static final long GIB = 1L << 30;

  private MockCatalog() {}

  private record Entry(
      String code, String price, int cpus, int ramGib, int gpus, String gpu, int vramGib) {}

  private static final List<Entry> TYPES =
      List.of(
          new Entry("MOCK-L4-1-24G", "0.75", 8, 48, 1, "L4", 24),
          new Entry("MOCK-L40S-1-48G", "1.40", 8, 96, 1, "L40S", 48),
          new Entry("MOCK-H100-1-80G", "2.73", 24, 240, 1, "H100", 80),
          new Entry("MOCK-H100-2-80G", "5.46", 48, 480, 2, "H100", 80));

  /** Every type in every mock zone (the H100 pair only in the first), seen at {@code at}. */
  public static List<InstanceType> types(Instant at) {
    List<InstanceType> types = new ArrayList<>();
    for (String zone : ZONES) {
      for (Entry entry : TYPES) {
        if (entry.gpus() > 1 && !zone.equals(ZONES.get(0))) {
          continue;
        }
        types.add(
            InstanceType.seen(
                PROVIDER,
                zone,
                entry.code(),
                new BigDecimal(entry.price()),
                entry.cpus(),
                entry.ramGib() * GIB,
                entry.gpus(),
                entry.gpu(),
                entry.vramGib() * GIB,
                "available",
                true,
                at));
      }
    }
    return types;
  }
}
