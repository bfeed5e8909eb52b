package io.atrium.api.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.authorization.SystemJob;
import io.atrium.common.db.TenantScope;
import io.atrium.common.json.Json;
import io.atrium.common.mail.MailJobArgs;
import io.atrium.common.mail.MailSealer;
import io.atrium.common.provider.CredentialCipher;
import io.atrium.common.provider.EncryptedSecret;
import io.atrium.common.provider.ProviderCredential;
import io.atrium.common.provider.ProviderCredentialDao;
import io.atrium.common.provider.ProviderCredentialsService;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.stub.ScalewayStub;
import io.atrium.common.security.CredentialsKeyRotation;
import io.atrium.common.security.SecretBox;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rotation of CREDENTIALS_ENCRYPTION_KEY as an operator runs it: secrets written under key 1; the
 * processes restarted with "key2,key1"; the rotation (in batches of one, and a second run that
 * finds nothing left); then a restart with key 2 alone. Every credential still decrypts and is
 * reported configured, the queued mail still opens, and nothing is under key 1 any more.
 */
class CredentialsKeyRotationIT {
  private static final byte[] KEY_1 = filled(1);
  private static final byte[] KEY_2 = filled(2);

  private static ScalewayStub stub;

  @BeforeAll
  static void start() {
    stub = ScalewayStub.start();
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  private static byte[] filled(int value) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) value);
    return key;
  }

  private static String base64(byte[] key) {
    return Base64.getEncoder().encodeToString(key);
  }

  private static TestApp app(String credentialsKey) {
    return TestApp.start(
        Map.of(
            "SCALEWAY_API_URL",
            stub.baseUrl().toString(),
            "CREDENTIALS_ENCRYPTION_KEY",
            credentialsKey));
  }

  private static List<String> versions(TestApp app, String table, String column) {
    return app.database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT " + column + " FROM " + table + " ORDER BY 1")
                    .mapTo(String.class)
                    .list());
  }

  private static List<String> pendingMailArgs(TestApp app) {
    return app.database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT args::text FROM jobs WHERE kind = 'mail.send'"
                            + " AND state = 'available' ORDER BY id")
                    .mapTo(String.class)
                    .list());
  }

  private static boolean configured(TestApp app, String email, UUID organization) {
    SignedIn owner = Accounts.login(app, email, Accounts.PASSWORD);
    Organizations.switchTo(owner, organization);
    Http.Response listed = owner.http().get("/api/v1/providers");
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    return listed.json().get(0).get("is_configured").asBoolean();
  }

  @Test
  void everySecretMovesToTheNewKeyAndStillWorks() throws Exception {
    Map<UUID, ScalewayCredentials> keys = new LinkedHashMap<>();
    Map<UUID, String> owners = new LinkedHashMap<>();
    String version1 = SecretBox.versionOf(KEY_1);
    String version2 = SecretBox.versionOf(KEY_2);

    try (TestApp one = app(base64(KEY_1))) {
      one.reset();
      for (int i = 0; i < 3; i++) {
        SignedIn owner = Accounts.register(one); // queues a verification mail, sealed
        UUID organization = Organizations.create(owner, "Tenant " + i);
        ScalewayCredentials key = stub.newCredentials();
        Http.Response put =
            owner
                .http()
                .put(
                    "/api/v1/providers/scaleway/credentials",
                    Map.of("project_id", key.projectId(), "secret_key", key.secretKey()));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        keys.put(organization, key);
        owners.put(organization, owner.email());
      }
      assertThat(versions(one, "provider_credentials", "key_version")).containsOnly(version1);
      assertThat(pendingMailArgs(one)).hasSizeGreaterThanOrEqualTo(3);
    }

    try (TestApp rotating = app(base64(KEY_2) + "," + base64(KEY_1))) {
      // during the rollout, before the rotation: old secrets still open
      for (Map.Entry<UUID, String> owner : owners.entrySet()) {
        assertThat(configured(rotating, owner.getValue(), owner.getKey())).isTrue();
      }
      int queuedMail = pendingMailArgs(rotating).size();
      CredentialsKeyRotation rotation = rotating.instance(CredentialsKeyRotation.class);
      CredentialsKeyRotation.Report report = rotation.run(1);
      assertThat(report.credentialsReencrypted()).isEqualTo(keys.size());
      assertThat(report.credentialsRemaining()).isZero();
      assertThat(report.mailJobsResealed()).isEqualTo(queuedMail);
      assertThat(report.complete()).isTrue();

      CredentialsKeyRotation.Report again = rotation.run(1);
      assertThat(again.credentialsReencrypted()).as("resumable: nothing left to do").isZero();
      assertThat(again.mailJobsResealed()).isZero();
      assertThat(again.complete()).isTrue();

      assertThat(versions(rotating, "provider_credentials", "key_version")).containsOnly(version2);
    }

    try (TestApp two = app(base64(KEY_2))) {
      ProviderCredentialsService service = two.instance(ProviderCredentialsService.class);
      for (Map.Entry<UUID, ScalewayCredentials> key : keys.entrySet()) {
        assertThat(service.scalewayCredentials(job(key.getKey())))
            .as("the worker's read of the credentials")
            .contains(key.getValue());
        assertThat(configured(two, owners.get(key.getKey()), key.getKey())).isTrue();
      }
      MailSealer onlyKey2 = two.instance(MailSealer.class);
      for (String args : pendingMailArgs(two)) {
        MailJobArgs job = Json.newMapper().readValue(args, MailJobArgs.class);
        assertThat(onlyKey2.open(job).variables()).isNotEmpty();
      }
      // and a new key is written under key 2
      UUID first = owners.keySet().iterator().next();
      SignedIn owner = Accounts.login(two, owners.get(first), Accounts.PASSWORD);
      Organizations.switchTo(owner, first);
      ScalewayCredentials replacement = stub.newCredentials();
      Http.Response put =
          owner
              .http()
              .put(
                  "/api/v1/providers/scaleway/credentials",
                  Map.of(
                      "project_id",
                      replacement.projectId(),
                      "secret_key",
                      replacement.secretKey()));
      assertThat(put.status()).as(put.toString()).isEqualTo(200);
      assertThat(versions(two, "provider_credentials", "key_version")).containsOnly(version2);
      two.reset();
    }
  }

  @Test
  void aRowAWriterChangedMeanwhileKeepsTheWritersValue() {
    try (TestApp one = app(base64(KEY_1))) {
      one.reset();
      SignedIn owner = Accounts.register(one);
      UUID organization = Organizations.create(owner, "Tenant");
      ScalewayCredentials before = stub.newCredentials();
      assertThat(
              owner
                  .http()
                  .put(
                      "/api/v1/providers/scaleway/credentials",
                      Map.of("project_id", before.projectId(), "secret_key", before.secretKey()))
                  .status())
          .isEqualTo(200);
      ProviderCredential read =
          one.database()
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .attach(ProviderCredentialDao.class)
                          .find(new TenantScope.Organization(organization), "scaleway")
                          .orElseThrow());

      // a writer stores a new key after the rotation read the row
      ScalewayCredentials after = stub.newCredentials();
      assertThat(
              owner
                  .http()
                  .put(
                      "/api/v1/providers/scaleway/credentials",
                      Map.of("project_id", after.projectId(), "secret_key", after.secretKey()))
                  .status())
          .isEqualTo(200);
      EncryptedSecret stale =
          one.instance(CredentialCipher.class).encrypt(organization, before.secretKey());
      boolean replaced =
          one.database()
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .attach(ProviderCredentialDao.class)
                          .replaceSecret(
                              organization,
                              "scaleway",
                              read.keyVersion(),
                              read.secretCiphertext(),
                              stale.keyVersion(),
                              stale.ciphertext()));
      assertThat(replaced).isFalse();
      assertThat(
              one.instance(ProviderCredentialsService.class).scalewayCredentials(job(organization)))
          .contains(after);
      one.reset();
    }
  }

  /** The principal of a provider job of {@code organization}: how the worker reads its key. */
  private static SystemJob job(UUID organization) {
    return SystemJob.forOrganization("provider.test", organization);
  }
}
