package io.atrium.api.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.ApiKeys;
import io.atrium.api.support.Http;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.authorization.SystemJob;
import io.atrium.common.config.ScalewayConfig;
import io.atrium.common.provider.ProviderCredentialsService;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.stub.FaultRule;
import io.atrium.common.provider.scaleway.stub.RecordedCall;
import io.atrium.common.provider.scaleway.stub.ScalewayStub;
import io.atrium.common.provider.scaleway.stub.StubFault;
import io.atrium.common.provider.scaleway.stub.StubRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/providers} over HTTP against the wired app, its {@code SCALEWAY_API_URL} on the
 * Scaleway stub: every route for every role, the personal workspace, the stub's faults on the
 * credential check (nothing stored), tenants kept apart, and no response carrying a secret.
 */
class ProvidersIT {
  private static final String PROVIDERS = "/api/v1/providers";
  private static final String STATUS = "/api/v1/providers/config-status";
  private static final String CREDENTIALS = "/api/v1/providers/scaleway/credentials";

  private static ScalewayStub stub;
  private static TestApp app;

  /** Every response of a test, scanned for the secrets it used. */
  private final List<Http.Response> responses = new ArrayList<>();

  private final List<String> secrets = new ArrayList<>();

  @BeforeAll
  static void start() {
    stub = ScalewayStub.start();
    // a small retry budget, so that a fault is a 502 within seconds, and a request time-out with
    // room for a loaded machine
    ScalewayConfig fast =
        new ScalewayConfig(
            stub.baseUrl(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            2,
            Duration.ofSeconds(1),
            Duration.ofMillis(20));
    app =
        TestApp.start(
            Map.of("SCALEWAY_API_URL", stub.baseUrl().toString()),
            binder -> binder.bind(ScalewayConfig.class).toInstance(fast));
  }

  @AfterAll
  static void stop() {
    app.close();
    stub.close();
  }

  @BeforeEach
  void clean() {
    app.reset();
    stub.reset();
  }

  @AfterEach
  void noResponseCarriesASecret() {
    for (Http.Response response : responses) {
      for (String secret : secrets) {
        assertThat(response.body()).doesNotContain(secret);
        assertThat(response.raw().headers().map().toString()).doesNotContain(secret);
      }
    }
  }

  private Http.Response record(Http.Response response) {
    responses.add(response);
    return response;
  }

  private ScalewayCredentials newKey() {
    ScalewayCredentials key = stub.newCredentials();
    secrets.add(key.secretKey());
    return key;
  }

  private static Map<String, Object> body(ScalewayCredentials key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("project_id", key.projectId());
    body.put("secret_key", key.secretKey());
    return body;
  }

  private record Team(UUID organizationId, Map<String, SignedIn> byRole) {}

  private static Team team() {
    SignedIn owner = Accounts.register(app);
    UUID organizationId = Organizations.create(owner, "Acme " + UUID.randomUUID());
    Map<String, SignedIn> byRole = new LinkedHashMap<>();
    byRole.put("owner", owner);
    for (String role : List.of("admin", "manager", "user")) {
      byRole.put(role, Organizations.addMember(app, owner, organizationId, role));
    }
    return new Team(organizationId, byRole);
  }

  private boolean scalewayConfigured(SignedIn member) {
    Http.Response listed = record(member.http().get(PROVIDERS));
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    for (JsonNode provider : listed.json()) {
      if (provider.get("code").asText().equals("scaleway")) {
        return provider.get("is_configured").asBoolean();
      }
    }
    throw new AssertionError("no scaleway in " + listed);
  }

  private static int storedCredentials() {
    return app.database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT count(*) FROM provider_credentials")
                    .mapTo(Integer.class)
                    .one());
  }

  @Test
  void theMatrixOfEveryRouteForEveryRole() {
    Team team = team();
    // role -> expected status of GET /providers, GET config-status, PUT, DELETE
    Map<String, List<Integer>> expected = new LinkedHashMap<>();
    expected.put("owner", List.of(200, 200, 200, 204));
    expected.put("admin", List.of(200, 200, 200, 204));
    expected.put("manager", List.of(200, 200, 403, 403));
    expected.put("user", List.of(403, 403, 403, 403));
    for (Map.Entry<String, List<Integer>> row : expected.entrySet()) {
      Http http = team.byRole().get(row.getKey()).http();
      List<Integer> want = row.getValue();
      ScalewayCredentials key = newKey();
      Http.Response list = record(http.get(PROVIDERS));
      Http.Response status = record(http.get(STATUS));
      Http.Response put = record(http.put(CREDENTIALS, body(key)));
      Http.Response delete = record(http.delete(CREDENTIALS));
      assertThat(List.of(list.status(), status.status(), put.status(), delete.status()))
          .as(row.getKey() + ": " + List.of(list, status, put, delete))
          .isEqualTo(want);
      for (Http.Response response : List.of(list, status, put, delete)) {
        if (response.status() == 403) {
          assertThat(response.problemCode()).isEqualTo("forbidden");
        }
      }
      if (want.get(2) == 200) {
        assertThat(put.json().get("project_id").asText()).isEqualTo(key.projectId());
        assertThat(put.json().get("secret_key_last4").asText()).isEqualTo(key.secretKeyLast4());
        assertThat(put.json().has("updated_at")).isTrue();
        assertThat(put.json().has("secret_key")).isFalse();
      }
    }
    assertThat(storedCredentials()).as("every successful PUT was followed by a DELETE").isZero();
  }

  @Test
  void theMatrixWithAnApiKeyOfEveryRole() {
    Team team = team();
    SignedIn owner = team.byRole().get("owner");
    // role -> expected status of GET /providers, GET config-status; the credential routes
    // refuse every key
    Map<String, Integer> viewing = Map.of("owner", 200, "admin", 200, "manager", 200, "user", 403);
    for (Map.Entry<String, Integer> row : viewing.entrySet()) {
      Http http = ApiKeys.create(owner, row.getKey()).http(app);
      Http.Response list = record(http.get(PROVIDERS));
      Http.Response status = record(http.get(STATUS));
      assertThat(List.of(list.status(), status.status()))
          .as(row.getKey() + ": " + List.of(list, status))
          .isEqualTo(List.of(row.getValue(), row.getValue()));
      for (Http.Response written :
          List.of(
              record(http.put(CREDENTIALS, body(newKey()))), record(http.delete(CREDENTIALS)))) {
        assertThat(written.status()).as(row.getKey() + ": " + written).isEqualTo(403);
        assertThat(written.problemCode()).isEqualTo("api_key_not_allowed");
      }
    }
    assertThat(storedCredentials()).isZero();
  }

  @Test
  void listsScalewayAndMockAndConfigStatusAnswersTheSame() {
    SignedIn owner = Accounts.register(app);
    Organizations.create(owner, "Acme");
    Http.Response before = record(owner.http().get(PROVIDERS));
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.json().toString())
        .isEqualTo(
            "[{\"code\":\"scaleway\",\"name\":\"Scaleway\",\"is_configured\":false,"
                + "\"missing_config\":[\"project_id\",\"secret_key\"]},"
                + "{\"code\":\"mock\",\"name\":\"Mock provider\",\"is_configured\":true,"
                + "\"missing_config\":[]}]");
    assertThat(record(owner.http().get(STATUS)).json()).isEqualTo(before.json());

    ScalewayCredentials key = newKey();
    Map<String, Object> body = body(key);
    body.put("access_key", "SCWABCDEFGHIJKLMNOPQ");
    body.put("default_zone", "nl-ams-1");
    Http.Response put = record(owner.http().put(CREDENTIALS, body));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);

    Http.Response after = record(owner.http().get(STATUS));
    assertThat(after.json().get(0).get("is_configured").asBoolean()).isTrue();
    assertThat(after.json().get(0).get("missing_config")).isEmpty();
    assertThat(record(owner.http().get(PROVIDERS)).json()).isEqualTo(after.json());

    // the one call of scaleway.md, in the default zone given, with the key and its project
    List<RecordedCall> calls = stub.calls(StubRoute.LIST_SERVERS);
    assertThat(calls).hasSize(1);
    RecordedCall check = calls.get(0);
    assertThat(check.method()).isEqualTo("GET");
    assertThat(check.zone()).isEqualTo("nl-ams-1");
    assertThat(check.authToken()).isEqualTo(key.secretKey());
    assertThat(check.queryValue("project")).isEqualTo(key.projectId());
    assertThat(check.queryValue("per_page")).isEqualTo("1");
    assertThat(check.status()).isEqualTo(200);
  }

  @Test
  void theCheckRunsInFrParOneWithoutADefaultZoneAndTheWorkerDecryptsTheKey() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Acme");
    ScalewayCredentials key = newKey();
    assertThat(record(owner.http().put(CREDENTIALS, body(key))).status()).isEqualTo(200);
    assertThat(stub.calls(StubRoute.LIST_SERVERS).get(0).zone()).isEqualTo("fr-par-1");
    assertThat(
            app.instance(ProviderCredentialsService.class).scalewayCredentials(job(organization)))
        .contains(key);
  }

  @Test
  void aPutReplacesTheKeyAndTheAuditLogRecordsSetAndDeleteWithoutTheSecret() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Acme");
    ScalewayCredentials first = newKey();
    ScalewayCredentials second = newKey();
    assertThat(record(owner.http().put(CREDENTIALS, body(first))).status()).isEqualTo(200);
    Http.Response replaced = record(owner.http().put(CREDENTIALS, body(second)));
    assertThat(replaced.json().get("project_id").asText()).isEqualTo(second.projectId());
    assertThat(
            app.instance(ProviderCredentialsService.class).scalewayCredentials(job(organization)))
        .contains(second);
    assertThat(record(owner.http().delete(CREDENTIALS)).status()).isEqualTo(204);
    assertThat(record(owner.http().delete(CREDENTIALS)).status())
        .as("deleting what is not there is still 204")
        .isEqualTo(204);
    assertThat(scalewayConfigured(owner)).isFalse();

    List<Map<String, Object>> entries =
        app.database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT action, details::text AS details FROM audit_log"
                                + " WHERE organization_id = :organization"
                                + " AND action LIKE 'provider_credentials.%' ORDER BY seq")
                        .bind("organization", organization)
                        .mapToMap()
                        .list());
    assertThat(entries)
        .extracting(entry -> entry.get("action"))
        .containsExactly(
            "provider_credentials.set", "provider_credentials.set", "provider_credentials.deleted");
    for (Map<String, Object> entry : entries) {
      for (String secret : secrets) {
        assertThat(entry.get("details").toString()).doesNotContain(secret);
      }
    }
    Http.Response audit = record(owner.http().get("/api/v1/organizations/current/audit-logs"));
    assertThat(audit.body()).contains("provider_credentials.set");
  }

  @Test
  void thePersonalWorkspaceIsTold400OrganizationRequired() {
    SignedIn user = Accounts.register(app);
    ScalewayCredentials key = newKey();
    for (Http.Response response :
        List.of(
            user.http().get(PROVIDERS),
            user.http().get(STATUS),
            user.http().put(CREDENTIALS, body(key)),
            user.http().delete(CREDENTIALS))) {
      record(response);
      assertThat(response.status()).as(response.toString()).isEqualTo(400);
      assertThat(response.problemCode()).isEqualTo("organization_required");
    }
    assertThat(stub.calls()).isEmpty();
  }

  @Test
  void withoutASessionEveryRouteIs401() {
    Http anonymous = app.http();
    assertThat(anonymous.get(PROVIDERS).status()).isEqualTo(401);
    assertThat(anonymous.get(STATUS).status()).isEqualTo(401);
    assertThat(anonymous.put(CREDENTIALS, body(newKey())).status()).isEqualTo(401);
    assertThat(anonymous.delete(CREDENTIALS).status()).isEqualTo(401);
  }

  /** A fault of the check, what the client gets for it, and that nothing was stored. */
  private record Fault(String name, FaultRule rule, int status, String code) {}

  @Test
  void aCheckThatFailsStoresNothingAndSaysWhy() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Acme");
    ScalewayCredentials kept = newKey();
    assertThat(record(owner.http().put(CREDENTIALS, body(kept))).status()).isEqualTo(200);

    List<Fault> faults =
        List.of(
            new Fault(
                "401",
                FaultRule.on(StubRoute.LIST_SERVERS, StubFault.status(401)),
                422,
                "provider_credentials_rejected"),
            new Fault(
                "403",
                FaultRule.on(StubRoute.LIST_SERVERS, StubFault.status(403)),
                422,
                "provider_credentials_rejected"),
            new Fault(
                "400, another refusal",
                FaultRule.on(StubRoute.LIST_SERVERS, StubFault.status(400)),
                422,
                "provider_credentials_rejected"),
            new Fault(
                "429 with a Retry-After beyond the budget",
                FaultRule.on(
                    StubRoute.LIST_SERVERS, StubFault.rateLimited(Duration.ofSeconds(120))),
                502,
                "provider_unavailable"),
            new Fault(
                "429 every time",
                FaultRule.on(StubRoute.LIST_SERVERS, StubFault.rateLimited(Duration.ofMillis(1))),
                502,
                "provider_unavailable"),
            new Fault(
                "500",
                FaultRule.on(StubRoute.LIST_SERVERS, StubFault.status(500)),
                502,
                "provider_unavailable"),
            new Fault(
                "503",
                FaultRule.on(StubRoute.LIST_SERVERS, StubFault.status(503)),
                502,
                "provider_unavailable"),
            new Fault(
                "a time-out",
                FaultRule.on(StubRoute.LIST_SERVERS, StubFault.delay(Duration.ofSeconds(8))),
                502,
                "provider_unavailable"));
    for (Fault fault : faults) {
      stub.clearFaults();
      stub.inject(fault.rule());
      ScalewayCredentials key = newKey();
      Http.Response put = record(owner.http().put(CREDENTIALS, body(key)));
      assertThat(put.status()).as(fault.name() + ": " + put).isEqualTo(fault.status());
      assertThat(put.problemCode()).as(fault.name()).isEqualTo(fault.code());
      assertThat(
              app.instance(ProviderCredentialsService.class).scalewayCredentials(job(organization)))
          .as(fault.name() + ": the key before stays")
          .contains(kept);
    }
    stub.clearFaults();
    assertThat(storedCredentials()).isEqualTo(1);
  }

  @Test
  void anUnknownKeyOrAnotherProjectIsRejectedByTheProvider() {
    SignedIn owner = Accounts.register(app);
    Organizations.create(owner, "Acme");
    String unknownSecret = UUID.randomUUID().toString();
    secrets.add(unknownSecret);
    Http.Response unknown =
        record(
            owner
                .http()
                .put(
                    CREDENTIALS,
                    Map.of(
                        "project_id", UUID.randomUUID().toString(), "secret_key", unknownSecret)));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
    assertThat(unknown.problemCode()).isEqualTo("provider_credentials_rejected");

    ScalewayCredentials key = newKey();
    Http.Response otherProject =
        record(
            owner
                .http()
                .put(
                    CREDENTIALS,
                    Map.of(
                        "project_id",
                        UUID.randomUUID().toString(),
                        "secret_key",
                        key.secretKey())));
    assertThat(otherProject.status()).as(otherProject.toString()).isEqualTo(422);
    assertThat(otherProject.problemCode()).isEqualTo("provider_credentials_rejected");
    assertThat(scalewayConfigured(owner)).isFalse();
    assertThat(storedCredentials()).isZero();
  }

  @Test
  void aShortRateLimitIsWaitedForAndTheKeyStored() {
    SignedIn owner = Accounts.register(app);
    Organizations.create(owner, "Acme");
    stub.inject(
        FaultRule.on(StubRoute.LIST_SERVERS, StubFault.rateLimited(Duration.ofMillis(1))).once());
    Http.Response put = record(owner.http().put(CREDENTIALS, body(newKey())));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(stub.calls(StubRoute.LIST_SERVERS))
        .extracting(RecordedCall::status)
        .containsExactly(429, 200);
  }

  @Test
  void invalidFieldsAre422AndNeverReachTheProvider() {
    SignedIn owner = Accounts.register(app);
    Organizations.create(owner, "Acme");
    ScalewayCredentials key = newKey();
    record Case(String field, Object value) {}
    List<Case> cases =
        List.of(
            new Case("project_id", "not-a-uuid"),
            new Case("default_zone", "mars-1"),
            new Case("secret_key", "x".repeat(129)),
            new Case("secret_key", "clé-secrète-non-ascii"),
            new Case("access_key", "has spaces in it"));
    for (Case bad : cases) {
      Http.Response put =
          record(owner.http().put(CREDENTIALS, withField(key, bad.field(), bad.value())));
      assertThat(put.status()).as(bad + ": " + put).isEqualTo(422);
      assertThat(put.problemCode()).isEqualTo("validation_failed");
      assertThat(put.json().get("errors").toString()).contains(bad.field());
    }
    Http.Response missing =
        record(owner.http().put(CREDENTIALS, Map.of("project_id", key.projectId())));
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().get("errors").toString()).contains("secret_key");
    assertThat(stub.calls()).isEmpty();
    assertThat(storedCredentials()).isZero();
  }

  private static Map<String, Object> withField(
      ScalewayCredentials key, String field, Object value) {
    Map<String, Object> body = new HashMap<>(body(key));
    body.put(field, value);
    return body;
  }

  @Test
  void aSuspendedOrganizationIsRefused() {
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Acme");
    SignedIn admin = Accounts.admin(app);
    Http.Response suspended =
        admin
            .http()
            .patch("/api/v1/admin/organizations/" + organization, Map.of("status", "suspended"));
    assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
    for (Http.Response response :
        List.of(
            owner.http().get(PROVIDERS),
            owner.http().put(CREDENTIALS, body(newKey())),
            owner.http().delete(CREDENTIALS))) {
      record(response);
      assertThat(response.status()).as(response.toString()).isEqualTo(403);
      assertThat(response.problemCode()).isEqualTo("organization_suspended");
    }
    assertThat(stub.calls()).isEmpty();
  }

  @Test
  void organizationsSeeOnlyTheirOwnCredentials() {
    SignedIn ownerA = Accounts.register(app);
    UUID organizationA = Organizations.create(ownerA, "Acme A");
    SignedIn ownerB = Accounts.register(app);
    UUID organizationB = Organizations.create(ownerB, "Acme B");
    ScalewayCredentials keyA = newKey();
    assertThat(record(ownerA.http().put(CREDENTIALS, body(keyA))).status()).isEqualTo(200);

    assertThat(scalewayConfigured(ownerA)).isTrue();
    assertThat(scalewayConfigured(ownerB)).as("B sees its own status, not A's").isFalse();
    assertThat(record(ownerB.http().delete(CREDENTIALS)).status()).isEqualTo(204);
    assertThat(scalewayConfigured(ownerA)).as("B's delete does not touch A").isTrue();

    ScalewayCredentials keyB = newKey();
    assertThat(record(ownerB.http().put(CREDENTIALS, body(keyB))).status()).isEqualTo(200);
    ProviderCredentialsService service = app.instance(ProviderCredentialsService.class);
    assertThat(service.scalewayCredentials(job(organizationA))).contains(keyA);
    assertThat(service.scalewayCredentials(job(organizationB))).contains(keyB);

    // B's owner who is not a member of A cannot switch into it to reach A's credentials
    Http.Response intoA =
        record(
            ownerB
                .http()
                .put(
                    "/api/v1/organizations/current",
                    java.util.Collections.singletonMap("organization_id", organizationA)));
    assertThat(intoA.status()).isEqualTo(404);
  }

  /** The principal of a provider job of {@code organization}: how the worker reads its key. */
  private static SystemJob job(UUID organization) {
    return SystemJob.forOrganization("provider.test", organization);
  }
}
