package io.atrium.common.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Notifications, their recipients (resolved at send time, straight in SQL) and their fan-out's
 * progress. Each recipient query inserts into {@code notification_recipients} and answers how many
 * it inserted; an address listed twice counts once.
 */
public interface NotificationDao {
  String ACTIVE_USER = "u.status = 'active'";

  @SqlUpdate(
      """
      INSERT INTO notifications (id, type, sender_user_id, organization_id, subject, body, body_html,
                                 action_url, action_text, recipient_count, created_at)
      VALUES (:id, :type, :sender, :organization, :subject, :body, :html, :url, :text, 0, :now)
      """)
  void insert(
      @Bind("id") UUID id,
      @Bind("type") String type,
      @Bind("sender") UUID senderUserId,
      @Bind("organization") UUID organizationId,
      @Bind("subject") String subject,
      @Bind("body") String body,
      @Bind("html") String bodyHtml,
      @Bind("url") String actionUrl,
      @Bind("text") String actionText,
      @Bind("now") Instant now);

  @SqlUpdate("UPDATE notifications SET recipient_count = :count WHERE id = :id")
  void setRecipientCount(@Bind("id") UUID id, @Bind("count") int count);

  /** Recipients of the organization's prospect emails since {@code since}. */
  @SqlQuery(
      """
      SELECT coalesce(sum(recipient_count), 0) FROM notifications
       WHERE organization_id = :organization AND type = 'org_to_prospects' AND created_at >= :since
      """)
  long prospectRecipientsSince(
      @Bind("organization") UUID organizationId, @Bind("since") Instant since);

  @SqlUpdate(
      "INSERT INTO notification_recipients (notification_id, email, user_id)"
          + " SELECT :id, u.email, u.id FROM users u WHERE "
          + ACTIVE_USER
          + " ON CONFLICT DO NOTHING")
  int addActiveUsers(@Bind("id") UUID id);

  /** Platform admins and owners of organizations that are not deleted. */
  @SqlUpdate(
      "INSERT INTO notification_recipients (notification_id, email, user_id)"
          + " SELECT DISTINCT :id, u.email, u.id FROM users u WHERE "
          + ACTIVE_USER
          + " AND (u.platform_role = 'platform_admin'"
          + " OR EXISTS (SELECT 1 FROM memberships m JOIN organizations o ON o.id = m.organization_id"
          + "            WHERE m.user_id = u.id AND m.role = 'owner' AND o.deleted_at IS NULL))"
          + " ON CONFLICT DO NOTHING")
  int addSystemAlertRecipients(@Bind("id") UUID id);

  @SqlUpdate(
      "INSERT INTO notification_recipients (notification_id, email, user_id)"
          + " SELECT :id, u.email, u.id FROM memberships m JOIN users u ON u.id = m.user_id"
          + " WHERE m.organization_id = :organization AND "
          + ACTIVE_USER
          + " ON CONFLICT DO NOTHING")
  int addMembers(@Bind("id") UUID id, @Bind("organization") UUID organizationId);

  /** The owners of every live (not deleted, not suspended) organization. */
  @SqlUpdate(
      "INSERT INTO notification_recipients (notification_id, email, user_id)"
          + " SELECT DISTINCT :id, u.email, u.id FROM memberships m JOIN users u ON u.id = m.user_id"
          + " JOIN organizations o ON o.id = m.organization_id"
          + " WHERE m.role = 'owner' AND o.deleted_at IS NULL AND o.status = 'active' AND "
          + ACTIVE_USER
          + " ON CONFLICT DO NOTHING")
  int addOwnersOfLiveOrganizations(@Bind("id") UUID id);

  @SqlUpdate(
      """
      INSERT INTO notification_recipients (notification_id, email, user_id)
      SELECT DISTINCT :id, u.email, u.id FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.role = 'owner' AND m.organization_id = ANY(:ids) AND u.status = 'active'
      ON CONFLICT DO NOTHING
      """)
  int addOwnersOf(@Bind("id") UUID id, @Bind("ids") UUID[] organizationIds);

  /** Addresses as given, linked to their accounts where they have one (for the in-app copy). */
  @SqlUpdate(
      """
      INSERT INTO notification_recipients (notification_id, email, user_id)
      SELECT :id, e, (SELECT u.id FROM users u WHERE u.email = e AND u.status = 'active')
        FROM unnest(:emails) AS e
      ON CONFLICT DO NOTHING
      """)
  int addListed(@Bind("id") UUID id, @Bind("emails") String[] emails);

  /**
   * Outside addresses, never linked to an account: a prospect who has one gets the email only, no
   * in-app copy, so an organization cannot reach into the platform's own inbox of a stranger.
   */
  @SqlUpdate(
      """
      INSERT INTO notification_recipients (notification_id, email, user_id)
      SELECT :id, e, NULL FROM unnest(:emails) AS e
      ON CONFLICT DO NOTHING
      """)
  int addProspects(@Bind("id") UUID id, @Bind("emails") String[] emails);

  @SqlQuery(
      "SELECT x FROM unnest(:ids) AS x WHERE NOT EXISTS"
          + " (SELECT 1 FROM organizations o WHERE o.id = x AND o.deleted_at IS NULL)")
  List<UUID> unknownOrganizations(@Bind("ids") UUID[] organizationIds);

  @SqlQuery(
      "SELECT e FROM unnest(:emails) AS e WHERE NOT EXISTS"
          + " (SELECT 1 FROM users u WHERE u.email = e)")
  List<String> emailsWithoutAccount(@Bind("emails") String[] emails);

  /** The notification as its fan-out needs it, locked for one batch. */
  @SqlQuery(
      """
      SELECT n.id, n.type, n.organization_id, n.subject, n.body, n.body_html, n.action_url, n.action_text,
             n.fanned_out_through, n.fanned_out_at IS NOT NULL AS done, o.name AS organization_name
        FROM notifications n LEFT JOIN organizations o ON o.id = n.organization_id
       WHERE n.id = :id FOR UPDATE OF n
      """)
  Optional<NotificationFanOut.Stored> lockForFanOut(@Bind("id") UUID id);

  @SqlQuery(
      """
      SELECT email, user_id FROM notification_recipients
       WHERE notification_id = :id AND email > :after ORDER BY email LIMIT :limit
      """)
  List<Recipient> recipientsAfter(
      @Bind("id") UUID id, @Bind("after") String afterEmail, @Bind("limit") int limit);

  @SqlUpdate("UPDATE notifications SET fanned_out_through = :last WHERE id = :id")
  void fannedOutThrough(@Bind("id") UUID id, @Bind("last") String lastEmail);

  @SqlUpdate("UPDATE notifications SET fanned_out_at = :now WHERE id = :id")
  void fannedOut(@Bind("id") UUID id, @Bind("now") Instant now);
}
