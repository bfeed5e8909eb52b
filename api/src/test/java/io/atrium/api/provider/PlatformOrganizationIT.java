package io.atrium.api.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.authorization.SystemJob;
import io.atrium.common.provider.ProviderCredentialsService;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.stub.ScalewayStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PLATFORM_ORGANIZATION_NAME: web processes starting together create one organization, the platform
 * admin its owner, with the platform's Scaleway key; a later start changes nothing its owner
 * changed.
 */
class PlatformOrganizationIT {
  private static final String NAME = "Atrium Platform";
  private static ScalewayStub stub;
  private static ScalewayCredentials platformKey;

  @BeforeAll
  static void start() {
    stub = ScalewayStub.start();
    platformKey = stub.newCredentials();
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  @BeforeEach
  void clean() {
    io.atrium.migrations.TestDatabase.get().clean();
    stub.reset();
  }

  private static Map<String, String> environment() {
    return Map.of(
        "SCALEWAY_API_URL",
        stub.baseUrl().toString(),
        "PLATFORM_ORGANIZATION_NAME",
        NAME,
        "SCALEWAY_SECRET_KEY",
        platformKey.secretKey(),
        "SCALEWAY_PROJECT_ID",
        platformKey.projectId());
  }

  private static List<UUID> platformOrganizations(TestApp app) {
    return app.database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT id FROM organizations WHERE name = :name")
                    .bind("name", NAME)
                    .mapTo(UUID.class)
                    .list());
  }

  private static int count(TestApp app, String sql) {
    return app.database()
        .jdbi()
        .withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
  }

  private static String ownerEmail(TestApp app, UUID organization) {
    return app.database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id"
                            + " WHERE m.organization_id = :organization AND m.role = 'owner'")
                    .bind("organization", organization)
                    .mapTo(String.class)
                    .one());
  }

  @Test
  void webProcessesStartingTogetherCreateOneOrganization() throws Exception {
    int processes = 3;
    ExecutorService starter = Executors.newFixedThreadPool(processes);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<TestApp>> starting = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      starting.add(
          starter.submit(
              () -> {
                go.await();
                return TestApp.start(environment());
              }));
    }
    go.countDown();
    List<TestApp> apps = new ArrayList<>();
    try {
      for (Future<TestApp> app : starting) {
        apps.add(app.get());
      }
      TestApp app = apps.get(0);
      List<UUID> organizations = platformOrganizations(app);
      assertThat(organizations).hasSize(1);
      UUID organization = organizations.get(0);
      assertThat(ownerEmail(app, organization)).isEqualTo(TestApp.ADMIN_EMAIL);
      assertThat(
              app.instance(ProviderCredentialsService.class).scalewayCredentials(job(organization)))
          .contains(platformKey);

      SignedIn admin = Accounts.login(app, TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
      Organizations.switchTo(admin, organization);
      Http.Response listed = admin.http().get("/api/v1/providers");
      assertThat(listed.json().get(0).get("is_configured").asBoolean()).isTrue();
      assertThat(listed.body()).doesNotContain(platformKey.secretKey());
      assertThat(stub.calls()).as("no provider call at start").isEmpty();
    } finally {
      apps.forEach(TestApp::close);
      starter.shutdownNow();
    }
  }

  @Test
  void aLaterStartOverwritesNothingTheOwnerChanged() {
    UUID organization;
    ScalewayCredentials ownersKey = stub.newCredentials();
    try (TestApp first = TestApp.start(environment())) {
      organization = platformOrganizations(first).get(0);
      SignedIn admin = Accounts.login(first, TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
      Organizations.switchTo(admin, organization);
      Http.Response put =
          admin
              .http()
              .put(
                  "/api/v1/providers/scaleway/credentials",
                  Map.of("project_id", ownersKey.projectId(), "secret_key", ownersKey.secretKey()));
      assertThat(put.status()).as(put.toString()).isEqualTo(200);
      Http.Response renamed =
          admin.http().patch("/api/v1/organizations/current", Map.of("name", "Renamed"));
      assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    }
    try (TestApp second = TestApp.start(environment())) {
      assertThat(platformOrganizations(second))
          .as("not created again under its old name")
          .isEmpty();
      ProviderCredentialsService credentials = second.instance(ProviderCredentialsService.class);
      assertThat(credentials.scalewayCredentials(job(organization)))
          .as("the owner's key, not the platform's")
          .contains(ownersKey);

      SignedIn admin = Accounts.login(second, TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
      Organizations.switchTo(admin, organization);
      assertThat(admin.http().delete("/api/v1/providers/scaleway/credentials").status())
          .isEqualTo(204);
    }
    try (TestApp third = TestApp.start(environment())) {
      assertThat(
              third
                  .instance(ProviderCredentialsService.class)
                  .scalewayCredentials(job(organization)))
          .as("a key the owner deleted is not put back")
          .isEmpty();
      assertThat(count(third, "SELECT count(*) FROM organizations")).isEqualTo(1);
    }
  }

  @Test
  void withoutTheNameNoOrganizationIsCreated() {
    try (TestApp app =
        TestApp.start(
            Map.of(
                "SCALEWAY_SECRET_KEY",
                platformKey.secretKey(),
                "SCALEWAY_PROJECT_ID",
                platformKey.projectId()))) {
      int rows =
          count(
              app,
              "SELECT (SELECT count(*) FROM organizations)"
                  + " + (SELECT count(*) FROM provider_credentials)");
      assertThat(rows).isZero();
    }
  }

  /** The principal of a provider job of {@code organization}: how the worker reads its key. */
  private static SystemJob job(UUID organization) {
    return SystemJob.forOrganization("provider.test", organization);
  }
}
