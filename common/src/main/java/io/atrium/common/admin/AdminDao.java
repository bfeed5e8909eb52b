package io.atrium.common.admin;

import io.atrium.common.admin.AdminQueries.AdminOrganization;
import io.atrium.common.admin.AdminQueries.AdminUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The platform admin's read side, across organizations and users. A filter left null (bound as SQL
 * NULL) does not filter; {@code order} is one of {@link AdminQueries}' fixed sort clauses.
 */
public interface AdminDao {
  /** The eight counts of the overview, read in one statement. */
  record Overview(
      long organizationsTotal,
      long organizationsActive,
      long organizationsSuspended,
      long usersTotal,
      long usersVerified,
      long activeSessions,
      long pendingInvitations,
      long emailsSent24h) {}

  @SqlQuery(
      """
      SELECT o.total AS organizations_total, o.active AS organizations_active,
             o.suspended AS organizations_suspended, u.total AS users_total,
             u.verified AS users_verified,
             (SELECT count(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > :now)
               AS active_sessions,
             (SELECT count(*) FROM invitations WHERE status = 'pending' AND expires_at > :now)
               AS pending_invitations,
             (SELECT count(*) FROM mail_deliveries
               WHERE status = 'sent' AND sent_at > CAST(:now AS timestamptz) - interval '24 hours')
               AS emails_sent24h
        FROM (SELECT count(*) AS total,
                     count(*) FILTER (WHERE status = 'active') AS active,
                     count(*) FILTER (WHERE status = 'suspended') AS suspended
                FROM organizations WHERE deleted_at IS NULL) o,
             (SELECT count(*) AS total,
                     count(*) FILTER (WHERE email_verified_at IS NOT NULL) AS verified
                FROM users) u
      """)
  Overview overview(@Bind("now") Instant now);

  String ORGANIZATION =
      "SELECT o.id, o.name, o.slug, o.subscription_plan, o.status, o.wallet_balance_eur,"
          + " o.sidebar_color,"
          + " (SELECT count(*) FROM memberships m WHERE m.organization_id = o.id) AS member_count,"
          + " o.created_at, o.updated_at, o.deleted_at FROM organizations o";

  /** {@code status} 'deleted' lists the deleted ones; otherwise deleted ones never show. */
  String ORGANIZATION_FILTER =
      """
       WHERE (CAST(:plan AS text) IS NULL OR o.subscription_plan = :plan)
         AND CASE WHEN CAST(:status AS text) = 'deleted' THEN o.deleted_at IS NOT NULL
                  ELSE o.deleted_at IS NULL AND (CAST(:status AS text) IS NULL OR o.status = :status)
             END
         AND (CAST(:q AS text) IS NULL OR o.name ILIKE :q ESCAPE '!' OR o.slug ILIKE :q ESCAPE '!')
      """;

  @SqlQuery(
      ORGANIZATION + ORGANIZATION_FILTER + " ORDER BY <order>, o.id LIMIT :limit OFFSET :offset")
  List<AdminOrganization> organizations(
      @Bind("plan") String plan,
      @Bind("status") String status,
      @Bind("q") String like,
      @Define("order") String order,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM organizations o" + ORGANIZATION_FILTER)
  long countOrganizations(
      @Bind("plan") String plan, @Bind("status") String status, @Bind("q") String like);

  @SqlQuery(ORGANIZATION + " WHERE o.id = :id")
  Optional<AdminOrganization> organization(@Bind("id") UUID id);

  String USER =
      "SELECT u.id, u.email, u.display_name, u.email_verified_at IS NOT NULL AS email_verified,"
          + " u.platform_role, u.status,"
          + " (SELECT count(*) FROM memberships m JOIN organizations o ON o.id = m.organization_id"
          + "   WHERE m.user_id = u.id AND o.deleted_at IS NULL) AS organization_count, u.created_at"
          + " FROM users u";

  /**
   * {@code memberRole}: members with that role (of {@code organizationId} when given); {@code
   * platformAdmin}: platform admins only.
   */
  String USER_FILTER =
      """
       WHERE (CAST(:organizationId AS uuid) IS NULL
              OR EXISTS (SELECT 1 FROM memberships m
                          WHERE m.user_id = u.id AND m.organization_id = :organizationId
                            AND (CAST(:memberRole AS text) IS NULL OR m.role = :memberRole)))
         AND (CAST(:memberRole AS text) IS NULL OR CAST(:organizationId AS uuid) IS NOT NULL
              OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = :memberRole))
         AND (NOT :platformAdmin OR u.platform_role = 'platform_admin')
         AND (CAST(:status AS text) IS NULL OR u.status = :status)
         AND (CAST(:q AS text) IS NULL OR u.email ILIKE :q ESCAPE '!' OR u.display_name ILIKE :q ESCAPE '!')
      """;

  @SqlQuery(USER + USER_FILTER + " ORDER BY u.created_at DESC, u.id LIMIT :limit OFFSET :offset")
  List<AdminUser> users(
      @Bind("organizationId") UUID organizationId,
      @Bind("memberRole") String memberRole,
      @Bind("platformAdmin") boolean platformAdmin,
      @Bind("status") String status,
      @Bind("q") String like,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM users u" + USER_FILTER)
  long countUsers(
      @Bind("organizationId") UUID organizationId,
      @Bind("memberRole") String memberRole,
      @Bind("platformAdmin") boolean platformAdmin,
      @Bind("status") String status,
      @Bind("q") String like);

  @SqlQuery(USER + " WHERE u.id = :id")
  Optional<AdminUser> user(@Bind("id") UUID id);
}
