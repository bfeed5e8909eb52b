package io.atrium.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.ApiKeys;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a key's life depends on besides itself: its user's and organization's status, and the pepper
 * rotation that follows a rotation of CREDENTIALS_ENCRYPTION_KEY.
 */
class ApiKeyLifecycleIT {
  private final TestApp app = TestApp.shared();

  @Test
  void aSuspendedOrganizationsKeysAre403AndADeletedOnesAre401() {
    app.reset();
    SignedIn owner = Accounts.register(app);
    UUID organization = Organizations.create(owner, "Suspended Keys");
    ApiKeys.Key key = ApiKeys.create(owner, "admin");
    SignedIn admin = Accounts.admin(app);

    admin
        .http()
        .patch("/api/v1/admin/organizations/" + organization, Map.of("status", "suspended"));
    Response suspended = key.http(app).get("/api/v1/organizations/current");
    assertThat(suspended.status()).isEqualTo(403);
    assertThat(suspended.problemCode()).isEqualTo("organization_suspended");

    admin.http().patch("/api/v1/admin/organizations/" + organization, Map.of("status", "active"));
    assertThat(key.http(app).get("/api/v1/organizations/current").status()).isEqualTo(200);

    assertThat(owner.http().delete("/api/v1/organizations/current").status()).isEqualTo(204);
    Response deleted = key.http(app).get("/api/v1/organizations/current");
    assertThat(deleted.status()).isEqualTo(401);
    assertThat(deleted.problemCode()).isEqualTo("unauthorized");
  }

  @Test
  void aDisabledUsersKeysAre401() {
    app.reset();
    SignedIn user = Accounts.register(app);
    ApiKeys.Key key = ApiKeys.create(user);
    SignedIn admin = Accounts.admin(app);
    admin.http().patch("/api/v1/admin/users/" + user.userId(), Map.of("status", "disabled"));
    assertThat(key.http(app).get("/api/v1/user/me").status()).isEqualTo(401);
    admin.http().patch("/api/v1/admin/users/" + user.userId(), Map.of("status", "active"));
    assertThat(key.http(app).get("/api/v1/user/me").status()).isEqualTo(200);
  }

  @Test
  void aKeyIssuedUnderTheOldEncryptionKeyWorksAfterARotationAndMovesToTheNewPepper() {
    app.reset();
    SignedIn user = Accounts.register(app);
    ApiKeys.Key key = ApiKeys.create(user);
    byte[] newest = new byte[32];
    newest[0] = 1;
    String rotated = Base64.getEncoder().encodeToString(newest) + "," + TestApp.CREDENTIALS_KEY;
    String before = pepperVersion(key);
    try (TestApp afterRotation = TestApp.start(Map.of("CREDENTIALS_ENCRYPTION_KEY", rotated))) {
      assertThat(key.http(afterRotation).get("/api/v1/user/me").status()).isEqualTo(200);
      String after = pepperVersion(key);
      assertThat(after).isNotEqualTo(before);
      assertThat(key.http(afterRotation).get("/api/v1/user/me").status()).isEqualTo(200);
    }
    try (TestApp newKeyOnly =
        TestApp.start(
            Map.of("CREDENTIALS_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(newest)))) {
      assertThat(key.http(newKeyOnly).get("/api/v1/user/me").status()).isEqualTo(200);
    }
    Response oldOnly = key.http(app).get("/api/v1/user/me");
    assertThat(oldOnly.status()).isEqualTo(401);
  }

  private String pepperVersion(ApiKeys.Key key) {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT pepper_version FROM api_keys WHERE id = :id")
                    .bind("id", key.id())
                    .mapTo(String.class)
                    .one());
  }
}
