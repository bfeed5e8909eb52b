package io.atrium.common.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface SessionDao {
  String COLUMNS =
      "id, user_id, current_organization_id, user_agent, ip, created_at, last_seen_at, expires_at,"
          + " revoked_at";

  @SqlUpdate(
      """
      INSERT INTO sessions (id, user_id, current_organization_id, user_agent, ip, created_at,
                            last_seen_at, expires_at)
      VALUES (:id, :userId, :currentOrganizationId, :userAgent, :ip, :createdAt, :lastSeenAt,
              :expiresAt)
      """)
  void insert(@BindMethods Session session);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM sessions WHERE user_id = :userId AND revoked_at IS NULL"
          + " AND expires_at > :now ORDER BY last_seen_at DESC")
  List<Session> listLive(@Bind("userId") UUID userId, @Bind("now") Instant now);

  @SqlUpdate(
      """
      UPDATE sessions SET revoked_at = :at, revoked_reason = :reason
       WHERE id = :id AND user_id = :userId AND revoked_at IS NULL
      """)
  boolean revoke(
      @Bind("id") UUID id,
      @Bind("userId") UUID userId,
      @Bind("at") Instant at,
      @Bind("reason") String reason);

  /** Revokes every live session of the user but {@code keep} (null keeps none). */
  @SqlQuery(
      """
      UPDATE sessions SET revoked_at = :at, revoked_reason = :reason
       WHERE user_id = :userId AND revoked_at IS NULL
         AND (CAST(:keep AS uuid) IS NULL OR id <> :keep)
      RETURNING id
      """)
  List<UUID> revokeAllBut(
      @Bind("userId") UUID userId,
      @Bind("keep") UUID keep,
      @Bind("at") Instant at,
      @Bind("reason") String reason);

  @SqlUpdate("UPDATE sessions SET expires_at = :expiresAt WHERE id = :id")
  void extend(@Bind("id") UUID id, @Bind("expiresAt") Instant expiresAt);

  /** Written at most once a minute per session: the condition makes the rest no-ops. */
  @SqlUpdate(
      "UPDATE sessions SET last_seen_at = :now WHERE id = :id AND last_seen_at < CAST(:now AS timestamptz) - interval '1 minute'")
  void touch(@Bind("id") UUID id, @Bind("now") Instant now);
}
