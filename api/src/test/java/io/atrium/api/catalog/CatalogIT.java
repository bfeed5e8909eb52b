package io.atrium.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.ApiKeys;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.provider.catalog.InstanceType;
import io.atrium.common.provider.catalog.InstanceTypeDao;
import io.atrium.common.provider.catalog.MockCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /catalog/instance-types and POST /admin/catalog/sync over HTTP. */
class CatalogIT {
  private static final Instant SYNCED = Instant.parse("2026-06-01T06:17:00Z");
  private static final long GIB = 1L << 30;
  private static final String LIST = "/api/v1/catalog/instance-types";

  private final TestApp app = TestApp.shared();

  @BeforeEach
  void seed() {
    app.reset();
    List<InstanceType> types = new ArrayList<>(MockCatalog.types(SYNCED));
    types.add(scaleway("fr-par-1", "L4-1-24G", 8, 48 * GIB, 1, "L4", 24 * GIB, true));
    types.add(scaleway("fr-par-1", "DEV1-S", 2, 2 * GIB, 0, null, null, true));
    types.add(scaleway("fr-par-1", "HALF-1", 1, 3 * GIB / 2, 0, null, null, true));
    types.add(scaleway("fr-par-2", "L40S-1-48G", 8, 96 * GIB, 1, "L40S", 48 * GIB, true));
    types.add(scaleway("fr-par-1", "GONE-1-80G", 24, 240 * GIB, 1, "H100", 80 * GIB, false));
    app.database().jdbi().useHandle(h -> h.attach(InstanceTypeDao.class).upsert(types));
  }

  private static InstanceType scaleway(
      String zone,
      String code,
      int cpus,
      long ram,
      int gpus,
      String gpu,
      Long vram,
      boolean active) {
    return InstanceType.seen(
        "scaleway",
        zone,
        code,
        new BigDecimal("0.750000"),
        cpus,
        ram,
        gpus,
        gpu,
        vram,
        active ? "scarce" : null,
        active,
        SYNCED);
  }

  private static List<String> codes(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return StreamSupport.stream(response.json().get("items").spliterator(), false)
        .map(item -> item.get("zone").asText() + "/" + item.get("code").asText())
        .toList();
  }

  @Test
  void everyActiveTypeInProviderZoneAndCodeOrderWithItsFieldsInGib() {
    SignedIn user = Accounts.register(app);

    Response all = user.http().get(LIST);

    assertThat(all.json().get("total").asLong()).isEqualTo(7 + 4);
    assertThat(codes(all))
        .startsWith("mock-ams-1/MOCK-H100-1-80G")
        .contains("fr-par-1/L4-1-24G")
        .doesNotContain("fr-par-1/GONE-1-80G");
    JsonNode l4 =
        StreamSupport.stream(all.json().get("items").spliterator(), false)
            .filter(item -> item.get("code").asText().equals("L4-1-24G"))
            .findFirst()
            .orElseThrow();
    assertThat(l4.get("provider").asText()).isEqualTo("scaleway");
    assertThat(l4.get("name").asText()).isEqualTo("L4-1-24G");
    assertThat(l4.get("zone").asText()).isEqualTo("fr-par-1");
    assertThat(l4.get("hourly_price_eur").decimalValue()).isEqualByComparingTo("0.75");
    assertThat(l4.get("cpus").asInt()).isEqualTo(8);
    assertThat(l4.get("ram_gb").decimalValue()).isEqualByComparingTo("48");
    assertThat(l4.get("gpus").asInt()).isEqualTo(1);
    assertThat(l4.get("gpu_name").asText()).isEqualTo("L4");
    assertThat(l4.get("vram_per_gpu_gb").decimalValue()).isEqualByComparingTo("24");
    assertThat(l4.get("availability").asText()).isEqualTo("scarce");
    assertThat(l4.get("is_active").asBoolean()).isTrue();
    assertThat(l4.get("synced_at").asText()).isEqualTo("2026-06-01T06:17:00Z");

    JsonNode half =
        user.http().get(LIST + "?provider=scaleway&zone=fr-par-1&gpu=false").json().get("items");
    assertThat(half.get(1).get("code").asText()).isEqualTo("HALF-1");
    assertThat(half.get(1).get("ram_gb").decimalValue()).isEqualByComparingTo("1.5");
    assertThat(half.get(1).get("gpu_name").isNull()).isTrue();
    assertThat(half.get(1).get("vram_per_gpu_gb").isNull()).isTrue();
  }

  @Test
  void filtersByProviderZoneAndGpuAndInactiveOnlyWhenAsked() {
    SignedIn user = Accounts.register(app);

    assertThat(codes(user.http().get(LIST + "?provider=scaleway")))
        .containsExactly(
            "fr-par-1/DEV1-S", "fr-par-1/HALF-1", "fr-par-1/L4-1-24G", "fr-par-2/L40S-1-48G");
    assertThat(codes(user.http().get(LIST + "?provider=scaleway&gpu=true")))
        .containsExactly("fr-par-1/L4-1-24G", "fr-par-2/L40S-1-48G");
    assertThat(codes(user.http().get(LIST + "?zone=mock-ams-1"))).hasSize(3);
    assertThat(codes(user.http().get(LIST + "?provider=mock&gpu=false"))).isEmpty();
    assertThat(codes(user.http().get(LIST + "?provider=scaleway&include_inactive=false")))
        .doesNotContain("fr-par-1/GONE-1-80G");

    Response withInactive =
        user.http().get(LIST + "?provider=scaleway&zone=fr-par-1&include_inactive=true");
    assertThat(codes(withInactive))
        .containsExactly(
            "fr-par-1/DEV1-S", "fr-par-1/GONE-1-80G", "fr-par-1/HALF-1", "fr-par-1/L4-1-24G");
    JsonNode gone = withInactive.json().get("items").get(1);
    assertThat(gone.get("is_active").asBoolean()).isFalse();
    assertThat(gone.get("availability").isNull()).isTrue();
    assertThat(withInactive.json().get("total").asLong()).isEqualTo(4);
  }

  @Test
  void pagesCarryTheTotalOfTheWholeList() {
    SignedIn user = Accounts.register(app);

    Response first = user.http().get(LIST + "?page_size=4");
    Response third = user.http().get(LIST + "?page=3&page_size=4");
    Response past = user.http().get(LIST + "?page=9&page_size=4");

    assertThat(codes(first)).hasSize(4);
    assertThat(first.json().get("page").asInt()).isEqualTo(1);
    assertThat(first.json().get("page_size").asInt()).isEqualTo(4);
    assertThat(first.json().get("total").asLong()).isEqualTo(11);
    assertThat(codes(third)).hasSize(3);
    assertThat(third.json().get("total").asLong()).isEqualTo(11);
    assertThat(codes(past)).isEmpty();
    assertThat(past.json().get("total").asLong()).isEqualTo(11);
    List<String> pages = new ArrayList<>(codes(first));
    pages.addAll(codes(user.http().get(LIST + "?page=2&page_size=4")));
    pages.addAll(codes(third));
    assertThat(pages).isEqualTo(codes(user.http().get(LIST))).doesNotHaveDuplicates();
  }

  @Test
  void invalidFiltersAreRefusedNamingTheParameter() {
    SignedIn user = Accounts.register(app);

    Response provider = user.http().get(LIST + "?provider=aws");
    assertThat(provider.status()).isEqualTo(422);
    assertThat(provider.problemCode()).isEqualTo("validation_failed");
    assertThat(provider.json().get("errors").get(0).get("field").asText()).isEqualTo("provider");

    for (String query : List.of("gpu=yes", "gpu=TRUE", "gpu=1", "include_inactive=on")) {
      Response flag = user.http().get(LIST + "?" + query);
      assertThat(flag.status()).as(query).isEqualTo(400);
      assertThat(flag.problemCode()).isEqualTo("bad_request");
      assertThat(flag.json().get("errors").get(0).get("field").asText())
          .isEqualTo(query.substring(0, query.indexOf('=')));
    }
    assertThat(user.http().get(LIST + "?page_size=201").status()).isEqualTo(400);
    assertThat(user.http().get(LIST + "?zone=" + "z".repeat(33)).status()).isEqualTo(400);
    assertThat(app.http().get(LIST).status()).isEqualTo(401);
  }

  @Test
  void everyRoleOfAnOrganizationAndThePersonalWorkspaceReadTheSameCatalog() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Catalog Readers");
    List<SignedIn> readers = new ArrayList<>(List.of(owner));
    for (String role : List.of("admin", "manager", "user")) {
      readers.add(Organizations.addMember(app, owner, organization, role));
    }
    SignedIn personal = Accounts.register(app);
    readers.add(personal);

    List<String> expected = codes(personal.http().get(LIST));
    assertThat(expected).hasSize(11);
    for (SignedIn reader : readers) {
      assertThat(codes(reader.http().get(LIST))).as(reader.email()).isEqualTo(expected);
    }
    // and API keys: an organization key of every role, and a personal key
    for (String role : List.of("owner", "admin", "manager", "user")) {
      assertThat(codes(ApiKeys.create(owner, role).http(app).get(LIST)))
          .as("api key " + role)
          .isEqualTo(expected);
    }
    assertThat(codes(ApiKeys.create(personal).http(app).get(LIST)))
        .as("personal api key")
        .isEqualTo(expected);
  }

  @Test
  void onlyThePlatformAdminEnqueuesASyncAndAskingAgainFindsTheLiveJob() {
    SignedIn owner = Accounts.register(app);
    Organizations.create(owner, "Not Admins");
    SignedIn personal = Accounts.register(app);
    for (SignedIn other : List.of(owner, personal)) {
      Response refused = other.http().post("/api/v1/admin/catalog/sync", null);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.problemCode()).isEqualTo("forbidden");
    }
    assertThat(app.http().post("/api/v1/admin/catalog/sync", null).status()).isEqualTo(401);
    assertThat(syncJobs()).isZero();

    SignedIn admin = Accounts.admin(app);
    Response first = admin.http().post("/api/v1/admin/catalog/sync", null);
    Response second = admin.http().post("/api/v1/admin/catalog/sync", null);

    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.json().get("job_id").asLong()).isEqualTo(first.json().get("job_id").asLong());
    assertThat(syncJobs()).isEqualTo(1);
  }

  private long syncJobs() {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM jobs WHERE kind = 'provider.catalog_sync'")
                    .mapTo(Long.class)
                    .one());
  }
}
