package io.atrium.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.common.config.ProviderConfig;
import io.atrium.common.config.ScalewayConfig;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.json.Json;
import io.atrium.common.provider.catalog.CatalogSync;
import io.atrium.common.provider.catalog.InstanceType;
import io.atrium.common.provider.catalog.InstanceTypeDao;
import io.atrium.common.provider.catalog.MockCatalog;
import io.atrium.common.provider.scaleway.ScalewayClient;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.stub.FaultRule;
import io.atrium.common.provider.scaleway.stub.RecordedCall;
import io.atrium.common.provider.scaleway.stub.ScalewayStub;
import io.atrium.common.provider.scaleway.stub.StubCatalog;
import io.atrium.common.provider.scaleway.stub.StubFault;
import io.atrium.common.provider.scaleway.stub.StubRoute;
import io.atrium.migrations.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** provider.catalog_sync's core against the stub Scaleway and the real schema. */
class CatalogSyncIT {
  private static final List<String> ZONES = ScalewayStub.ZONES;
  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

  private static ScalewayStub stub;
  private final TestDatabase database = TestDatabase.get();
  private final MovableClock clock = new MovableClock();
  private ScalewayCredentials platform;

  static final class MovableClock extends Clock {
    private volatile Instant now = START;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeAll
  static void startStub() {
    stub = ScalewayStub.start();
  }

  @AfterAll
  static void stopStub() {
    stub.close();
  }

  @BeforeEach
  void setUp() {
    database.clean();
    stub.reset();
    stub.catalog(StubCatalog.standard());
    platform = stub.newCredentials();
  }

  private CatalogSync sync(Optional<String> secret, Optional<String> project) {
    ProviderConfig config =
        new ProviderConfig(
            stub.baseUrl(), secret, project, ZONES, Duration.ofMinutes(15), Duration.ofHours(1));
    ScalewayConfig client =
        new ScalewayConfig(
            stub.baseUrl(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            2,
            Duration.ofSeconds(1),
            Duration.ofMillis(1));
    return new CatalogSync(
        new ScalewayClient(client, Json.newMapper(), d -> {}, Clock.systemUTC()),
        config,
        new UnitOfWork(database.jdbi()),
        clock);
  }

  private CatalogSync sync() {
    return sync(Optional.of(platform.secretKey()), Optional.of(platform.projectId()));
  }

  private Map<String, InstanceType> zone(String provider, String zone) {
    return database
        .jdbi()
        .withHandle(h -> h.attach(InstanceTypeDao.class).listZone(provider, zone))
        .stream()
        .collect(Collectors.toMap(InstanceType::code, Function.identity()));
  }

  @Test
  void everyZoneIsFilledFromProductsAndAvailabilityWithThePlatformKey() {
    CatalogSync.Report report = sync().run();

    assertThat(report.scalewaySkipped()).isFalse();
    assertThat(report.failedZones()).isEmpty();
    Map<String, InstanceType> parisOne = zone("scaleway", "fr-par-1");
    assertThat(parisOne).hasSize(6);
    InstanceType l4 = parisOne.get("L4-1-24G");
    assertThat(l4.hourlyPriceEur()).isEqualByComparingTo("0.75");
    assertThat(l4.cpus()).isEqualTo(8);
    assertThat(l4.ramBytes()).isEqualTo(48L << 30);
    assertThat(l4.gpus()).isEqualTo(1);
    assertThat(l4.gpuName()).isEqualTo("L4");
    assertThat(l4.vramPerGpuBytes()).isEqualTo(24L << 30);
    assertThat(l4.availability()).isEqualTo("available");
    assertThat(l4.isActive()).isTrue();
    assertThat(l4.syncedAt()).isEqualTo(START);
    assertThat(parisOne.get("H100-1-80G").availability()).isEqualTo("shortage");
    assertThat(parisOne.get("DEV1-S").gpus()).isZero();
    assertThat(parisOne.get("DEV1-S").gpuName()).isNull();
    assertThat(zone("scaleway", "nl-ams-1")).hasSize(3);
    assertThat(zone("mock", MockCatalog.ZONES.get(0))).isNotEmpty();

    assertThat(stub.calls()).extracting(RecordedCall::authToken).containsOnly(platform.secretKey());
    assertThat(stub.calls(StubRoute.LIST_SERVER_TYPES))
        .extracting(RecordedCall::zone)
        .containsExactlyElementsOf(ZONES);
  }

  @Test
  void aVanishedTypeBecomesInactiveAndComesBackActive() {
    sync().run();
    stub.catalog()
        .remove("fr-par-1", "L40S-1-48G")
        .setAvailability("fr-par-1", "L4-1-24G", "scarce");
    clock.advance(Duration.ofHours(6));

    CatalogSync.Report report = sync().run();

    Map<String, InstanceType> parisOne = zone("scaleway", "fr-par-1");
    InstanceType vanished = parisOne.get("L40S-1-48G");
    assertThat(vanished.isActive()).isFalse();
    assertThat(vanished.deactivatedAt()).isEqualTo(START.plus(Duration.ofHours(6)));
    assertThat(vanished.syncedAt()).isEqualTo(START);
    assertThat(parisOne.get("L4-1-24G").availability()).isEqualTo("scarce");
    assertThat(report.zones())
        .filteredOn(z -> z.provider().equals("scaleway") && z.zone().equals("fr-par-1"))
        .singleElement()
        .satisfies(z -> assertThat(z.deactivated()).isEqualTo(1));

    stub.catalog()
        .put(
            "fr-par-1",
            StubCatalog.Type.gpu("L40S-1-48G", "1.50", 8, 96, 1, "L40S", 48),
            "available");
    clock.advance(Duration.ofHours(6));
    sync().run();

    InstanceType back = zone("scaleway", "fr-par-1").get("L40S-1-48G");
    assertThat(back.isActive()).isTrue();
    assertThat(back.deactivatedAt()).isNull();
    assertThat(back.firstSeenAt()).isEqualTo(START);
    assertThat(back.hourlyPriceEur()).isEqualByComparingTo("1.50");
  }

  @Test
  void aFailingZoneKeepsItsRowsAndTheOthersAreSynced() {
    sync().run();
    stub.catalog().remove("fr-par-2", "L4-1-24G").remove("fr-par-1", "DEV1-S");
    stub.inject(
        FaultRule.on(StubRoute.LIST_SERVER_TYPES, StubFault.status(503)).inZone("fr-par-2"));
    stub.inject(
        FaultRule.on(StubRoute.LIST_AVAILABILITY, StubFault.rateLimited(Duration.ofMinutes(5)))
            .inZone("nl-ams-1"));
    clock.advance(Duration.ofHours(6));

    CatalogSync.Report report = sync().run();

    assertThat(report.failedZones())
        .extracting(CatalogSync.ZoneResult::zone)
        .containsExactly("fr-par-2", "nl-ams-1");
    Map<String, InstanceType> parisTwo = zone("scaleway", "fr-par-2");
    assertThat(parisTwo).hasSize(4);
    assertThat(parisTwo.values())
        .allSatisfy(
            type -> {
              assertThat(type.isActive()).isTrue();
              assertThat(type.syncedAt()).isEqualTo(START);
            });
    assertThat(zone("scaleway", "nl-ams-1").values())
        .allSatisfy(type -> assertThat(type.syncedAt()).isEqualTo(START));
    assertThat(zone("scaleway", "fr-par-1").get("DEV1-S").isActive()).isFalse();
    assertThat(zone("scaleway", "pl-waw-1").values())
        .allSatisfy(type -> assertThat(type.syncedAt()).isEqualTo(START.plus(Duration.ofHours(6))));
  }

  @Test
  void rejectedPlatformCredentialsLeaveEveryZoneAsItWas() {
    sync().run();
    stub.revokeKey(platform.secretKey());
    clock.advance(Duration.ofHours(6));

    CatalogSync.Report report = sync().run();

    assertThat(report.failedZones()).hasSize(ZONES.size());
    assertThat(report.failedZones().get(0).failure())
        .hasValueSatisfying(why -> assertThat(why).doesNotContain(platform.secretKey()));
    assertThat(zone("scaleway", "fr-par-1").values())
        .allSatisfy(
            type -> {
              assertThat(type.isActive()).isTrue();
              assertThat(type.syncedAt()).isEqualTo(START);
            });
  }

  @Test
  void withoutPlatformCredentialsOnlyTheMockCatalogIsKept() {
    CatalogSync.Report report = sync(Optional.empty(), Optional.of("p")).run();

    assertThat(report.scalewaySkipped()).isTrue();
    assertThat(stub.calls()).isEmpty();
    assertThat(zone("scaleway", "fr-par-1")).isEmpty();
    Map<String, InstanceType> mock = zone("mock", MockCatalog.ZONES.get(0));
    assertThat(mock).containsKeys("MOCK-L4-1-24G", "MOCK-H100-2-80G");
    assertThat(mock.values()).allSatisfy(type -> assertThat(type.gpus()).isPositive());
    assertThat(zone("mock", MockCatalog.ZONES.get(1))).doesNotContainKey("MOCK-H100-2-80G");
  }
}
