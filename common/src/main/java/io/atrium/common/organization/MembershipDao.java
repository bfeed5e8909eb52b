package io.atrium.common.organization;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface MembershipDao {
  String MEMBER =
      """
      SELECT m.user_id, u.email, u.display_name, m.role, m.joined_at
        FROM memberships m JOIN users u ON u.id = m.user_id
      """;

  /** Inserts unless already a member: an existing member keeps their role. */
  @SqlUpdate(
      """
      INSERT INTO memberships (organization_id, user_id, role, joined_at)
      VALUES (:organizationId, :userId, :role, :at)
      ON CONFLICT (organization_id, user_id) DO NOTHING
      """)
  boolean insert(
      @Bind("organizationId") UUID organizationId,
      @Bind("userId") UUID userId,
      @Bind("role") String role,
      @Bind("at") Instant at);

  @SqlQuery(MEMBER + " WHERE m.organization_id = :organizationId AND m.user_id = :userId")
  Optional<Member> find(@Bind("organizationId") UUID organizationId, @Bind("userId") UUID userId);

  @SqlQuery(MEMBER + " WHERE m.organization_id = :organizationId ORDER BY m.joined_at, u.email")
  List<Member> list(@Bind("organizationId") UUID organizationId);

  @SqlQuery(
      "SELECT count(*) FROM memberships WHERE organization_id = :organizationId AND role = 'owner'")
  int countOwners(@Bind("organizationId") UUID organizationId);

  @SqlUpdate(
      "UPDATE memberships SET role = :role WHERE organization_id = :organizationId AND user_id = :userId")
  void updateRole(
      @Bind("organizationId") UUID organizationId,
      @Bind("userId") UUID userId,
      @Bind("role") String role);

  @SqlUpdate(
      "DELETE FROM memberships WHERE organization_id = :organizationId AND user_id = :userId")
  boolean delete(@Bind("organizationId") UUID organizationId, @Bind("userId") UUID userId);

  /** A member who leaves or is removed: their sessions inside fall back to personal at once. */
  @SqlUpdate(
      """
      UPDATE sessions SET current_organization_id = NULL
       WHERE current_organization_id = :organizationId AND user_id = :userId
      """)
  int moveSessionsToPersonal(
      @Bind("organizationId") UUID organizationId, @Bind("userId") UUID userId);

  @SqlUpdate(
      "UPDATE sessions SET current_organization_id = NULL WHERE current_organization_id = :organizationId")
  int moveAllSessionsToPersonal(@Bind("organizationId") UUID organizationId);

  @SqlUpdate("UPDATE sessions SET current_organization_id = :organizationId WHERE id = :sessionId")
  void switchSession(
      @Bind("sessionId") UUID sessionId, @Bind("organizationId") UUID organizationId);
}
