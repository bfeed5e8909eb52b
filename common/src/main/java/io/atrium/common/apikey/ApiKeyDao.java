package io.atrium.common.apikey;

import io.atrium.common.db.TenantScope;
import io.atrium.common.paging.Counted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * API keys. Every query of the list, rename and revoke is confined to a {@link
 * TenantScope.Workspace} (the caller's current workspace, bound whole as {@code scope}); only the
 * authentication lookup, which finds the workspace, is by the key's HMAC alone.
 */
public interface ApiKeyDao {
  String COLUMNS =
      "t.id, t.organization_id, t.name, t.prefix, t.role, t.created_by, t.created_at,"
          + " t.expires_at, t.last_used_at, t.revoked_at";

  @SqlUpdate(
      """
      INSERT INTO api_keys (id, organization_id, created_by, name, prefix, key_hash, pepper_version,
                            role, created_at, updated_at, expires_at)
      VALUES (:id, :scope.organizationId, :scope.userId, :name, :prefix, :hash, :pepperVersion,
              :role, :now, :now, :expiresAt)
      """)
  void insert(
      @Bind("id") UUID id,
      @BindMethods("scope") TenantScope.Workspace scope,
      @Bind("name") String name,
      @Bind("prefix") String prefix,
      @Bind("hash") byte[] hash,
      @Bind("pepperVersion") String pepperVersion,
      @Bind("role") String role,
      @Bind("now") Instant now,
      @Bind("expiresAt") Instant expiresAt);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + ", count(*) OVER () AS total FROM api_keys t WHERE "
          + TenantScope.WORKSPACE_CONDITION
          + " ORDER BY t.created_at DESC, t.id LIMIT :limit OFFSET :offset")
  List<Counted<ApiKey>> list(
      @BindMethods("scope") TenantScope.Workspace scope,
      @Bind("limit") int limit,
      @Bind("offset") long offset);

  @SqlQuery("SELECT count(*) FROM api_keys t WHERE " + TenantScope.WORKSPACE_CONDITION)
  long count(@BindMethods("scope") TenantScope.Workspace scope);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM api_keys t WHERE t.id = :id AND "
          + TenantScope.WORKSPACE_CONDITION
          + " FOR UPDATE")
  Optional<ApiKey> lock(@BindMethods("scope") TenantScope.Workspace scope, @Bind("id") UUID id);

  @SqlUpdate(
      "UPDATE api_keys t SET name = :name, updated_at = :now WHERE t.id = :id AND "
          + TenantScope.WORKSPACE_CONDITION)
  boolean rename(
      @BindMethods("scope") TenantScope.Workspace scope,
      @Bind("id") UUID id,
      @Bind("name") String name,
      @Bind("now") Instant now);

  @SqlUpdate(
      "UPDATE api_keys t SET revoked_at = :now, revoked_by = :scope.userId, updated_at = :now"
          + " WHERE t.id = :id AND t.revoked_at IS NULL AND "
          + TenantScope.WORKSPACE_CONDITION)
  boolean revoke(
      @BindMethods("scope") TenantScope.Workspace scope,
      @Bind("id") UUID id,
      @Bind("now") Instant now);

  /**
   * What a request made with a key needs, read in one lookup by the unique index on {@code
   * key_hash}: the key, its user, and its organization as it is now (the same shape as the
   * session's query). No row: unknown, revoked, expired, or its organization deleted.
   */
  record LiveKey(
      UUID apiKeyId,
      byte[] keyHash,
      String pepperVersion,
      Instant lastUsedAt,
      UUID userId,
      String email,
      String platformRole,
      String status,
      UUID organizationId,
      String organizationRole,
      String organizationStatus) {}

  @SqlQuery(
      """
      SELECT k.id AS api_key_id, k.key_hash, k.pepper_version, k.last_used_at,
             u.id AS user_id, u.email, u.platform_role, u.status,
             k.organization_id, k.role AS organization_role, o.status AS organization_status
        FROM api_keys k
        JOIN users u ON u.id = k.created_by
        LEFT JOIN organizations o ON o.id = k.organization_id AND o.deleted_at IS NULL
       WHERE k.key_hash IN (<hashes>) AND k.revoked_at IS NULL AND k.expires_at > :now
         AND (k.organization_id IS NULL OR o.id IS NOT NULL)
      """)
  Optional<LiveKey> findLive(@BindList("hashes") List<byte[]> hashes, @Bind("now") Instant now);

  /** Writes {@code last_used_at} at most once a minute per key, whoever races for it. */
  @SqlUpdate(
      """
      UPDATE api_keys SET last_used_at = :now
       WHERE id = :id AND (last_used_at IS NULL OR last_used_at < CAST(:now AS timestamptz) - interval '1 minute')
      """)
  void touch(@Bind("id") UUID id, @Bind("now") Instant now);

  /** Moves a key found under an older pepper to the newest one (the plaintext is at hand). */
  @SqlUpdate("UPDATE api_keys SET key_hash = :hash, pepper_version = :pepperVersion WHERE id = :id")
  void rehash(
      @Bind("id") UUID id, @Bind("hash") byte[] hash, @Bind("pepperVersion") String pepperVersion);
}
