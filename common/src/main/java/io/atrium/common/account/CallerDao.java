package io.atrium.common.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Who makes a request: the query behind every authenticated one. */
public interface CallerDao {

  /**
   * A live session, its user and the user's live role in the session's workspace (null columns:
   * personal, or the organization is deleted or the user no longer a member of it).
   */
  record LiveSession(
      UUID sessionId,
      Instant lastSeenAt,
      UUID userId,
      String email,
      String platformRole,
      String status,
      UUID organizationId,
      String organizationRole,
      String organizationStatus) {}

  @SqlQuery(
      """
      SELECT s.id AS session_id, s.last_seen_at, u.id AS user_id, u.email, u.platform_role, u.status,
             m.organization_id, m.role AS organization_role, o.status AS organization_status
        FROM sessions s
        JOIN users u ON u.id = s.user_id
        LEFT JOIN organizations o ON o.id = s.current_organization_id AND o.deleted_at IS NULL
        LEFT JOIN memberships m ON m.organization_id = o.id AND m.user_id = s.user_id
       WHERE s.id = :sessionId AND s.revoked_at IS NULL AND s.expires_at > :now
      """)
  Optional<LiveSession> findLive(@Bind("sessionId") UUID sessionId, @Bind("now") Instant now);

  /** The role of a user in an organization that exists and is not deleted. */
  @SqlQuery(
      """
      SELECT m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id
       WHERE m.organization_id = :organizationId AND m.user_id = :userId AND o.deleted_at IS NULL
      """)
  Optional<String> role(@Bind("organizationId") UUID organizationId, @Bind("userId") UUID userId);
}
