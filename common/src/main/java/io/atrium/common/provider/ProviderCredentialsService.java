package io.atrium.common.provider;

import io.atrium.common.account.Caller;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.authorization.SystemJob;
import io.atrium.common.db.TenantScope;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.BadGatewayException;
import io.atrium.common.error.FieldError;
import io.atrium.common.error.InvalidException;
import io.atrium.common.organization.Permission;
import io.atrium.common.provider.scaleway.ScalewayClient;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.ScalewayException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An organization's provider credentials: which providers it can use, and its Scaleway key, checked
 * against Scaleway before it is stored encrypted. The provider is called outside any transaction;
 * nothing is stored when the check fails.
 */
public final class ProviderCredentialsService {
  public static final String SCALEWAY = "scaleway";
  public static final String MOCK = "mock";
  private static final Logger log = LoggerFactory.getLogger(ProviderCredentialsService.class);

  private final UnitOfWork work;
  private final TenantScope tenants;
  private final ScalewayClient scaleway;
  private final CredentialCipher cipher;
  private final ScalewayKeyRules rules;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public ProviderCredentialsService(
      UnitOfWork work,
      TenantScope tenants,
      ScalewayClient scaleway,
      CredentialCipher cipher,
      ScalewayKeyRules rules,
      AuditLog audit,
      Clock clock) {
    this.work = work;
    this.tenants = tenants;
    this.scaleway = scaleway;
    this.cipher = cipher;
    this.rules = rules;
    this.audit = audit;
    this.clock = clock;
  }

  /** The credentials as stored, without the secret: what the PUT answers. */
  public record Saved(String projectId, String secretKeyLast4, Instant updatedAt) {}

  public List<ProviderStatus> list(Caller caller) {
    TenantScope.Organization scope = tenants.organization(caller, Permission.VIEW_PROVIDERS);
    List<String> configured =
        work.withHandle(
            handle -> handle.attach(ProviderCredentialDao.class).configuredProviders(scope));
    boolean scalewayConfigured = configured.contains(SCALEWAY);
    return List.of(
        new ProviderStatus(
            SCALEWAY,
            "Scaleway",
            scalewayConfigured,
            scalewayConfigured ? List.of() : List.of("project_id", "secret_key")),
        new ProviderStatus(MOCK, "Mock provider", true, List.of()));
  }

  public Saved saveScaleway(Caller caller, ScalewayKeyInput input, RequestOrigin origin) {
    UUID organizationId =
        tenants.organization(caller, Permission.MANAGE_PROVIDERS).organizationId();
    ScalewayKeyRules.Valid key = rules.validate(input);
    // The connection the authentication read the caller on goes back to the pool before the
    // outbound call: a slow provider must not hold one.
    work.releaseKept();
    check(organizationId, key);
    EncryptedSecret encrypted = cipher.encrypt(organizationId, key.credentials().secretKey());
    Instant now = clock.instant();
    return work.inTransaction(
        handle -> {
          ProviderCredential stored =
              handle
                  .attach(ProviderCredentialDao.class)
                  .upsert(
                      new ProviderCredential(
                          organizationId,
                          SCALEWAY,
                          key.credentials().projectId(),
                          key.accessKey(),
                          key.defaultZone(),
                          encrypted.ciphertext(),
                          encrypted.keyVersion(),
                          key.credentials().secretKeyLast4(),
                          caller.userId(),
                          caller.userId(),
                          now,
                          now));
          Map<String, Object> details = new HashMap<>();
          details.put("provider", SCALEWAY);
          details.put("project_id", stored.projectId());
          details.put("default_zone", String.valueOf(stored.defaultZone()));
          audit.record(
              handle,
              AuditEvent.of("provider_credentials.set", caller.userId(), origin)
                  .organization(organizationId)
                  .target("provider_credentials", SCALEWAY)
                  .details(details));
          return new Saved(stored.projectId(), stored.secretKeyLast4(), stored.updatedAt());
        });
  }

  public void deleteScaleway(Caller caller, RequestOrigin origin) {
    TenantScope.Organization scope = tenants.organization(caller, Permission.MANAGE_PROVIDERS);
    UUID organizationId = scope.organizationId();
    work.useTransaction(
        handle -> {
          if (handle.attach(ProviderCredentialDao.class).delete(scope, SCALEWAY)) {
            audit.record(
                handle,
                AuditEvent.of("provider_credentials.deleted", caller.userId(), origin)
                    .organization(organizationId)
                    .target("provider_credentials", SCALEWAY)
                    .details(Map.of("provider", SCALEWAY)));
          }
        });
  }

  /**
   * The Scaleway key of the job's organization, decrypted, for a provider job; empty when it has
   * none. The organization is the job's own (its principal), never an argument a client chose.
   */
  public Optional<ScalewayCredentials> scalewayCredentials(Handle handle, SystemJob job) {
    TenantScope.Organization scope = tenants.organization(job);
    UUID organizationId = scope.organizationId();
    return handle
        .attach(ProviderCredentialDao.class)
        .find(scope, SCALEWAY)
        .map(
            row ->
                new ScalewayCredentials(
                    cipher.decrypt(organizationId, row.encryptedSecret()), row.projectId()));
  }

  public Optional<ScalewayCredentials> scalewayCredentials(SystemJob job) {
    return work.withHandle(handle -> scalewayCredentials(handle, job));
  }

  /** The one call of {@code scaleway.md} for a new key; throws 422 or 502 when it fails. */
  private void check(UUID organizationId, ScalewayKeyRules.Valid key) {
    String zone = key.defaultZone() == null ? ScalewayZones.DEFAULT : key.defaultZone();
    try {
      scaleway.checkCredentials(key.credentials(), zone);
    } catch (ScalewayException.Unauthorized
        | ScalewayException.Forbidden
        | ScalewayException.Rejected
        | ScalewayException.NotFound e) {
      log.info(
          "scaleway credentials of organization {} refused: {}", organizationId, e.getMessage());
      throw new InvalidException(
          "provider_credentials_rejected",
          "Scaleway refused these credentials (" + e.status() + "); nothing was stored.",
          List.of(new FieldError("secret_key", "was refused by Scaleway for this project")));
    } catch (ScalewayException e) {
      // rate-limited or unavailable (5xx, time-out, no connection): unknown, nothing stored
      log.warn(
          "scaleway credentials of organization {} not checked: {}",
          organizationId,
          e.getMessage());
      throw new BadGatewayException(
          "provider_unavailable",
          "Scaleway could not be reached or did not answer; nothing was stored. Try again later.");
    }
  }
}
