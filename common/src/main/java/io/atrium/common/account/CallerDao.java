package io.atrium.common.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The one query behind every authenticated request. */
public interface CallerDao {

  /** A live session with its user and its current organization role, as of now. */
  record LiveSession(
      UUID sessionId, Instant lastSeenAt, String organizationStatus, UserService.Profile profile) {}

  /**
   * The one query behind every authenticated request, with its parameters the session id and the
   * current time. Run on a plain JDBC statement (see SessionService): on this path Jdbi's handle
   * and binding machinery cost more than the query, and SqlObject's reflection several times more.
   * It also reads the user's profile, so that {@code GET /user/me}, the most called route, needs no
   * second query. Column names are those of {@link UserService#profile}.
   */
  String FIND_LIVE =
      """
      SELECT s.id AS session_id, s.last_seen_at,
             u.id, u.email, u.display_name, u.email_verified_at, u.platform_role, u.status,
             u.created_at, u.updated_at,
             o.id AS organization_id, o.name AS organization_name, o.slug AS organization_slug,
             m.role AS organization_role, o.status AS organization_status
        FROM sessions s
        JOIN users u ON u.id = s.user_id
        LEFT JOIN organizations o ON o.id = s.current_organization_id AND o.deleted_at IS NULL
        LEFT JOIN memberships m ON m.organization_id = o.id AND m.user_id = s.user_id
       WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ?
            """;

  /** The role of a user in an organization that exists and is not deleted. */
  @SqlQuery(
      """
      SELECT m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id
       WHERE m.organization_id = :organizationId AND m.user_id = :userId AND o.deleted_at IS NULL
      """)
  Optional<String> role(@Bind("organizationId") UUID organizationId, @Bind("userId") UUID userId);
}
