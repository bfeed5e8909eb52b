package io.atrium.common.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface UserDao {
  /** A user with the name and slug of the organization asked for, if it is not deleted. */
  record ProfileRow(
      UUID id,
      String email,
      String displayName,
      Instant emailVerifiedAt,
      String platformRole,
      String status,
      Instant createdAt,
      Instant updatedAt,
      UUID organizationId,
      String organizationName,
      String organizationSlug) {}

  String COLUMNS =
      "id, email, display_name, password_hash, email_verified_at, platform_role, status,"
          + " created_at, updated_at";

  /** Inserts unless the email is taken; reports whether it inserted. */
  @SqlUpdate(
      """
      INSERT INTO users (id, email, display_name, password_hash, email_verified_at, platform_role,
                         status, created_at, updated_at)
      VALUES (:id, :email, :displayName, :passwordHash, :emailVerifiedAt, :platformRole, :status,
              :createdAt, :updatedAt)
      ON CONFLICT (email) DO NOTHING
      """)
  boolean insert(@BindMethods User user);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
  Optional<User> find(@Bind("id") UUID id);

  @SqlQuery(
      """
      SELECT u.id, u.email, u.display_name, u.email_verified_at, u.platform_role, u.status,
             u.created_at, u.updated_at,
             o.id AS organization_id, o.name AS organization_name, o.slug AS organization_slug
        FROM users u
        LEFT JOIN organizations o ON o.id = CAST(:organization AS uuid) AND o.deleted_at IS NULL
       WHERE u.id = :id
      """)
  Optional<ProfileRow> profile(@Bind("id") UUID id, @Bind("organization") UUID organizationId);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id FOR UPDATE")
  Optional<User> lock(@Bind("id") UUID id);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE email = :email")
  Optional<User> findByEmail(@Bind("email") String email);

  @SqlUpdate("UPDATE users SET password_hash = :hash, updated_at = :at WHERE id = :id")
  void updatePassword(@Bind("id") UUID id, @Bind("hash") String hash, @Bind("at") Instant at);

  @SqlUpdate(
      """
      UPDATE users SET email_verified_at = coalesce(email_verified_at, :at), updated_at = :at
       WHERE id = :id
      """)
  void markEmailVerified(@Bind("id") UUID id, @Bind("at") Instant at);

  /**
   * The platform admin's account, created if missing (an existing password is never touched);
   * answers whether it was created.
   */
  @SqlQuery(
      """
      INSERT INTO users (id, email, display_name, password_hash, email_verified_at,
                         platform_role, status, created_at, updated_at)
      VALUES (:id, :email, 'Platform admin', :hash, :now, 'platform_admin', 'active', :now, :now)
      ON CONFLICT (email) DO UPDATE SET platform_role = 'platform_admin'
      RETURNING (xmax = 0) AS inserted
      """)
  boolean seedPlatformAdmin(
      @Bind("id") UUID id,
      @Bind("email") String email,
      @Bind("hash") String passwordHash,
      @Bind("now") Instant now);

  @SqlUpdate(
      "UPDATE users SET platform_role = 'platform_admin', updated_at = :now WHERE email = :email")
  int makePlatformAdmin(@Bind("email") String email, @Bind("now") Instant now);

  @SqlUpdate("UPDATE users SET status = :status, updated_at = :at WHERE id = :id")
  void updateStatus(@Bind("id") UUID id, @Bind("status") String status, @Bind("at") Instant at);

  /**
   * Renames and reads the profile back in one statement (autocommit): the row is locked for that
   * statement only, not across the round trips of a transaction.
   */
  @SqlQuery(
      """
      WITH u AS (
        UPDATE users SET display_name = :name, updated_at = :at WHERE id = :id
        RETURNING id, email, display_name, email_verified_at, platform_role, status, created_at,
                  updated_at)
      SELECT u.id, u.email, u.display_name, u.email_verified_at, u.platform_role, u.status,
             u.created_at, u.updated_at,
             o.id AS organization_id, o.name AS organization_name, o.slug AS organization_slug
        FROM u
        LEFT JOIN organizations o ON o.id = CAST(:organization AS uuid) AND o.deleted_at IS NULL
      """)
  Optional<ProfileRow> rename(
      @Bind("id") UUID id,
      @Bind("name") String name,
      @Bind("at") Instant at,
      @Bind("organization") UUID organizationId);
}
