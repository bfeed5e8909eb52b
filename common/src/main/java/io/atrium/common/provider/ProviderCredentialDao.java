package io.atrium.common.provider;

import io.atrium.common.db.TenantScope;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * An organization's provider credentials, read and deleted within its {@link TenantScope}; the
 * rotation's statements walk every organization's rows by design (a platform maintenance job).
 */
public interface ProviderCredentialDao {
  String COLUMNS =
      "organization_id, provider, project_id, access_key, default_zone, secret_ciphertext,"
          + " key_version, secret_key_last4, created_by, updated_by, created_at, updated_at";

  /** The providers the organization has credentials for. */
  @SqlQuery(
      "SELECT provider FROM provider_credentials WHERE organization_id = :scope.organizationId")
  List<String> configuredProviders(@BindMethods("scope") TenantScope.Organization scope);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM provider_credentials WHERE organization_id = :scope.organizationId"
          + " AND provider = :provider")
  Optional<ProviderCredential> find(
      @BindMethods("scope") TenantScope.Organization scope, @Bind("provider") String provider);

  /** Inserts, or replaces everything but who created the row and when. */
  @SqlQuery(
      """
      INSERT INTO provider_credentials (organization_id, provider, project_id, access_key,
             default_zone, secret_ciphertext, key_version, secret_key_last4, created_by,
             updated_by, created_at, updated_at)
      VALUES (:organizationId, :provider, :projectId, :accessKey, :defaultZone, :secretCiphertext,
              :keyVersion, :secretKeyLast4, :createdBy, :updatedBy, :createdAt, :updatedAt)
      ON CONFLICT (organization_id, provider) DO UPDATE
         SET project_id = EXCLUDED.project_id, access_key = EXCLUDED.access_key,
             default_zone = EXCLUDED.default_zone, secret_ciphertext = EXCLUDED.secret_ciphertext,
             key_version = EXCLUDED.key_version, secret_key_last4 = EXCLUDED.secret_key_last4,
             updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
      RETURNING
      """
          + COLUMNS)
  ProviderCredential upsert(@BindMethods ProviderCredential credential);

  /** Inserts unless the organization already has credentials for the provider. */
  @SqlUpdate(
      """
      INSERT INTO provider_credentials (organization_id, provider, project_id, access_key,
             default_zone, secret_ciphertext, key_version, secret_key_last4, created_by,
             updated_by, created_at, updated_at)
      VALUES (:organizationId, :provider, :projectId, :accessKey, :defaultZone, :secretCiphertext,
              :keyVersion, :secretKeyLast4, :createdBy, :updatedBy, :createdAt, :updatedAt)
      ON CONFLICT (organization_id, provider) DO NOTHING
      """)
  boolean insertIfAbsent(@BindMethods ProviderCredential credential);

  @SqlUpdate(
      "DELETE FROM provider_credentials WHERE organization_id = :scope.organizationId"
          + " AND provider = :provider")
  boolean delete(
      @BindMethods("scope") TenantScope.Organization scope, @Bind("provider") String provider);

  /**
   * The next rows after the cursor whose secret is not under {@code currentVersion}, in key order:
   * a rotation walks the table once, in batches, whatever writers do meanwhile.
   */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM provider_credentials WHERE key_version <> :currentVersion"
          + " AND (organization_id, provider) > (:afterOrganization, :afterProvider)"
          + " ORDER BY organization_id, provider LIMIT :limit")
  List<ProviderCredential> underOtherKeys(
      @Bind("currentVersion") String currentVersion,
      @Bind("afterOrganization") UUID afterOrganization,
      @Bind("afterProvider") String afterProvider,
      @Bind("limit") int limit);

  /**
   * Replaces the secret with the same secret under another key, unless a writer changed the row
   * since it was read (then the writer's value stands, under the key that writer used).
   */
  @SqlUpdate(
      """
      UPDATE provider_credentials
         SET secret_ciphertext = :newCiphertext, key_version = :newVersion
       WHERE organization_id = :organizationId AND provider = :provider
         AND key_version = :oldVersion AND secret_ciphertext = :oldCiphertext
      """)
  boolean replaceSecret(
      @Bind("organizationId") UUID organizationId,
      @Bind("provider") String provider,
      @Bind("oldVersion") String oldVersion,
      @Bind("oldCiphertext") byte[] oldCiphertext,
      @Bind("newVersion") String newVersion,
      @Bind("newCiphertext") byte[] newCiphertext);

  @SqlQuery("SELECT count(*) FROM provider_credentials WHERE key_version <> :currentVersion")
  long countUnderOtherKeys(@Bind("currentVersion") String currentVersion);
}
