package io.atrium.common.notification;

import io.atrium.common.account.Caller;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The caller's own in-app notifications. */
public final class UserNotificationService {
  private static final String SELECT =
      """
      SELECT un.id, n.type, n.subject, n.body, n.body_html, n.action_url, n.action_text, n.organization_id,
             un.created_at, un.read_at
        FROM user_notifications un JOIN notifications n ON n.id = un.notification_id
      """;

  private final UnitOfWork work;
  private final Clock clock;

  @Inject
  public UserNotificationService(UnitOfWork work, Clock clock) {
    this.work = work;
    this.clock = clock;
  }

  public Page<UserNotification> list(Caller caller, boolean unreadOnly, PageRequest page) {
    String where = " WHERE un.user_id = :user" + (unreadOnly ? " AND un.read_at IS NULL" : "");
    return work.withHandle(
        handle -> {
          List<UserNotification> items =
              handle
                  .createQuery(
                      SELECT
                          + where
                          + " ORDER BY un.created_at DESC, un.id LIMIT :limit OFFSET :offset")
                  .bind("user", caller.userId())
                  .bind("limit", page.pageSize())
                  .bind("offset", page.offset())
                  .map(ConstructorMapper.of(UserNotification.class))
                  .list();
          long total =
              handle
                  .createQuery("SELECT count(*) FROM user_notifications un" + where)
                  .bind("user", caller.userId())
                  .mapTo(Long.class)
                  .one();
          return Page.of(items, page, total);
        });
  }

  /** Idempotent; someone else's notification is 404. */
  public void markRead(Caller caller, UUID id) {
    int found =
        work.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE user_notifications SET read_at = coalesce(read_at, :now) WHERE id = :id AND user_id = :user")
                    .bind("now", clock.instant())
                    .bind("id", id)
                    .bind("user", caller.userId())
                    .execute());
    if (found == 0) {
      throw new NotFoundException("No such notification.");
    }
  }
}
