package io.atrium.common.admin;

import io.atrium.common.account.AccountRules;
import io.atrium.common.account.User;
import io.atrium.common.account.UserDao;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.config.PlatformAdminConfig;
import io.atrium.common.config.ProviderConfig;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.input.InputLimits;
import io.atrium.common.organization.MembershipDao;
import io.atrium.common.organization.Organization;
import io.atrium.common.organization.OrganizationService;
import io.atrium.common.organization.Role;
import io.atrium.common.provider.CredentialCipher;
import io.atrium.common.provider.EncryptedSecret;
import io.atrium.common.provider.ProviderCredential;
import io.atrium.common.provider.ProviderCredentialDao;
import io.atrium.common.provider.ProviderCredentialsService;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the platform's own organization (PLATFORM_ORGANIZATION_NAME) at web start, once, with the
 * platform admin as owner, and gives it the platform's Scaleway key (SCALEWAY_SECRET_KEY,
 * SCALEWAY_PROJECT_ID) when it has none yet, encrypted like any other. Web processes starting
 * together take one advisory lock, so one creates and the others find it. Each step is done once
 * ({@code platform_organization} records it): nothing an owner changes afterwards — name, members,
 * credentials, even deleting them — is put back at a later start. No provider call: start never
 * waits on Scaleway.
 */
public final class PlatformOrganizationSeeder {
  private static final Logger log = LoggerFactory.getLogger(PlatformOrganizationSeeder.class);

  private final PlatformAdminConfig config;
  private final ProviderConfig provider;
  private final UnitOfWork work;
  private final OrganizationService organizations;
  private final CredentialCipher cipher;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public PlatformOrganizationSeeder(
      PlatformAdminConfig config,
      ProviderConfig provider,
      UnitOfWork work,
      OrganizationService organizations,
      CredentialCipher cipher,
      AuditLog audit,
      Clock clock) {
    this.config = config;
    this.provider = provider;
    this.work = work;
    this.organizations = organizations;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
  }

  public void seed() {
    if (config.organizationName().isEmpty() || config.email().isEmpty()) {
      return;
    }
    String name = config.organizationName().get().strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > InputLimits.ORGANIZATION_NAME) {
      throw new IllegalStateException(
          "PLATFORM_ORGANIZATION_NAME must be 1 to "
              + InputLimits.ORGANIZATION_NAME
              + " characters");
    }
    String email = AccountRules.normalizeEmail(config.email().get());
    work.useTransaction(
        handle -> {
          PlatformOrganizationDao platform = handle.attach(PlatformOrganizationDao.class);
          platform.lock();
          Optional<PlatformOrganizationDao.PlatformOrganization> existing = platform.find();
          UUID organizationId;
          Instant credentialsSeededAt;
          if (existing.isPresent()) {
            organizationId = existing.get().organizationId();
            credentialsSeededAt = existing.get().credentialsSeededAt();
          } else {
            Optional<User> admin = handle.attach(UserDao.class).findByEmail(email);
            if (admin.isEmpty()) {
              log.warn(
                  "PLATFORM_ORGANIZATION_NAME: the platform admin {} has no account yet; the"
                      + " organization is created at the first start after it exists",
                  email);
              return;
            }
            organizationId = create(handle, name, admin.get());
            credentialsSeededAt = null;
          }
          if (credentialsSeededAt == null) {
            seedCredentials(handle, organizationId);
          }
        });
  }

  private UUID create(Handle handle, String name, User admin) {
    Organization organization = organizations.insert(handle, name, null, "free");
    handle
        .attach(MembershipDao.class)
        .insert(organization.id(), admin.id(), Role.OWNER.value(), organization.createdAt());
    handle.attach(PlatformOrganizationDao.class).insert(organization.id(), clock.instant());
    audit.record(
        handle,
        AuditEvent.of("organization.created", admin.id(), RequestOrigin.SYSTEM)
            .organization(organization.id())
            .target("organization", organization.id())
            .details(Map.of("name", name, "slug", organization.slug(), "platform", true)));
    log.info("platform organization '{}' created ({})", name, organization.id());
    return organization.id();
  }

  /** Once: the platform key when configured and the organization has none yet. */
  private void seedCredentials(Handle handle, UUID organizationId) {
    if (provider.scalewaySecretKey().isEmpty() || provider.scalewayProjectId().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    ScalewayCredentials key =
        new ScalewayCredentials(
            provider.scalewaySecretKey().get(), provider.scalewayProjectId().get());
    EncryptedSecret encrypted = cipher.encrypt(organizationId, key.secretKey());
    boolean inserted =
        handle
            .attach(ProviderCredentialDao.class)
            .insertIfAbsent(
                new ProviderCredential(
                    organizationId,
                    ProviderCredentialsService.SCALEWAY,
                    key.projectId(),
                    null,
                    null,
                    encrypted.ciphertext(),
                    encrypted.keyVersion(),
                    key.secretKeyLast4(),
                    null,
                    null,
                    now,
                    now));
    handle.attach(PlatformOrganizationDao.class).markCredentialsSeeded(now);
    if (inserted) {
      audit.record(
          handle,
          AuditEvent.of("provider_credentials.set", null, RequestOrigin.SYSTEM)
              .organization(organizationId)
              .target("provider_credentials", ProviderCredentialsService.SCALEWAY)
              .details(
                  Map.of(
                      "provider",
                      ProviderCredentialsService.SCALEWAY,
                      "project_id",
                      key.projectId(),
                      "source",
                      "platform configuration")));
      log.info("platform organization {}: the platform's Scaleway key stored", organizationId);
    }
  }
}
