package io.atrium.common.organization;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface InvitationDao {
  String COLUMNS =
      "id, organization_id, email, role, status, invited_by, created_at, expires_at, accepted_at, revoked_at";

  @SqlUpdate(
      """
      INSERT INTO invitations (id, organization_id, email, role, token_hash, invited_by, created_at, expires_at)
      VALUES (:id, :organizationId, :email, :role, :hash, :invitedBy, :createdAt, :expiresAt)
      ON CONFLICT (organization_id, email) WHERE status = 'pending' DO NOTHING
      """)
  boolean insert(
      @Bind("id") UUID id,
      @Bind("organizationId") UUID organizationId,
      @Bind("email") String email,
      @Bind("role") String role,
      @Bind("hash") byte[] hash,
      @Bind("invitedBy") UUID invitedBy,
      @Bind("createdAt") Instant createdAt,
      @Bind("expiresAt") Instant expiresAt);

  /** Writes down the expiry of a pending invitation whose time has passed, freeing its slot. */
  @SqlUpdate(
      """
      UPDATE invitations SET status = 'expired'
       WHERE organization_id = :organizationId AND email = :email AND status = 'pending' AND expires_at <= :now
      """)
  void expireStale(
      @Bind("organizationId") UUID organizationId,
      @Bind("email") String email,
      @Bind("now") Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM invitations WHERE token_hash = :hash")
  Optional<Invitation> findByToken(@Bind("hash") byte[] hash);

  @SqlQuery("SELECT " + COLUMNS + " FROM invitations WHERE token_hash = :hash FOR UPDATE")
  Optional<Invitation> lockByToken(@Bind("hash") byte[] hash);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM invitations WHERE organization_id = :organizationId AND id = :id")
  Optional<Invitation> find(@Bind("organizationId") UUID organizationId, @Bind("id") UUID id);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM invitations WHERE organization_id = :organizationId AND id = :id FOR UPDATE")
  Optional<Invitation> lock(@Bind("organizationId") UUID organizationId, @Bind("id") UUID id);

  @SqlQuery(
      """
      SELECT count(*) FROM invitations
       WHERE organization_id = :organizationId
         AND (CAST(:status AS text) IS NULL
              OR (:status = 'expired' AND (status = 'expired' OR (status = 'pending' AND expires_at <= :now)))
              OR (:status = 'pending' AND status = 'pending' AND expires_at > :now)
              OR (:status NOT IN ('expired', 'pending') AND status = :status))
      """)
  long count(
      @Bind("organizationId") UUID organizationId,
      @Bind("status") String status,
      @Bind("now") Instant now);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM invitations"
          + """
           WHERE organization_id = :organizationId
             AND (CAST(:status AS text) IS NULL
                  OR (:status = 'expired' AND (status = 'expired' OR (status = 'pending' AND expires_at <= :now)))
                  OR (:status = 'pending' AND status = 'pending' AND expires_at > :now)
                  OR (:status NOT IN ('expired', 'pending') AND status = :status))
           ORDER BY created_at DESC, id
           LIMIT :limit OFFSET :offset
          """)
  List<Invitation> list(
      @Bind("organizationId") UUID organizationId,
      @Bind("status") String status,
      @Bind("now") Instant now,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery(
      "SELECT EXISTS (SELECT 1 FROM invitations WHERE organization_id = :organizationId AND email = :email"
          + " AND status = 'pending' AND id <> :id)")
  boolean otherPending(
      @Bind("organizationId") UUID organizationId,
      @Bind("email") String email,
      @Bind("id") UUID id);

  @SqlUpdate("UPDATE invitations SET status = 'revoked', revoked_at = :now WHERE id = :id")
  void revoke(@Bind("id") UUID id, @Bind("now") Instant now);

  @SqlUpdate(
      "UPDATE invitations SET status = 'revoked', revoked_at = :now WHERE organization_id = :organizationId AND status = 'pending'")
  void revokeAllPending(@Bind("organizationId") UUID organizationId, @Bind("now") Instant now);

  @SqlUpdate(
      "UPDATE invitations SET status = 'accepted', accepted_at = :now, accepted_by = :userId WHERE id = :id")
  void accept(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("now") Instant now);

  /** A new token and expiry: the old link stops working. */
  @SqlUpdate(
      "UPDATE invitations SET token_hash = :hash, expires_at = :expiresAt, status = 'pending' WHERE id = :id")
  void rotate(@Bind("id") UUID id, @Bind("hash") byte[] hash, @Bind("expiresAt") Instant expiresAt);
}
