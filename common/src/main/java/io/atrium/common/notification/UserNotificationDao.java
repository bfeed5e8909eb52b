package io.atrium.common.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The in-app copies of notifications, one per recipient with an account. */
public interface UserNotificationDao {
  String SELECT =
      """
      SELECT un.id, n.type, n.subject, n.body, n.body_html, n.action_url, n.action_text, n.organization_id,
             un.created_at, un.read_at
        FROM user_notifications un JOIN notifications n ON n.id = un.notification_id
      """;

  @SqlQuery(
      SELECT
          + " WHERE un.user_id = :user ORDER BY un.created_at DESC, un.id LIMIT :limit OFFSET :offset")
  List<UserNotification> list(
      @Bind("user") UUID userId, @Bind("limit") int limit, @Bind("offset") int offset);

  @SqlQuery(
      SELECT
          + " WHERE un.user_id = :user AND un.read_at IS NULL"
          + " ORDER BY un.created_at DESC, un.id LIMIT :limit OFFSET :offset")
  List<UserNotification> listUnread(
      @Bind("user") UUID userId, @Bind("limit") int limit, @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM user_notifications un WHERE un.user_id = :user")
  long count(@Bind("user") UUID userId);

  @SqlQuery(
      "SELECT count(*) FROM user_notifications un WHERE un.user_id = :user AND un.read_at IS NULL")
  long countUnread(@Bind("user") UUID userId);

  /** Idempotent; answers 0 for someone else's notification. */
  @SqlUpdate(
      "UPDATE user_notifications SET read_at = coalesce(read_at, :now) WHERE id = :id AND user_id = :user")
  int markRead(@Bind("id") UUID id, @Bind("user") UUID userId, @Bind("now") Instant now);

  @SqlUpdate(
      """
      INSERT INTO user_notifications (id, user_id, notification_id, created_at)
      SELECT i, u, :notification, :now FROM unnest(:ids, :users) AS t(i, u)
      ON CONFLICT (notification_id, user_id) DO NOTHING
      """)
  void insertAll(
      @Bind("notification") UUID notificationId,
      @Bind("ids") UUID[] ids,
      @Bind("users") UUID[] userIds,
      @Bind("now") Instant now);
}
