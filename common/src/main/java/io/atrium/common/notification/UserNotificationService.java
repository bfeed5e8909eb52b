package io.atrium.common.notification;

import io.atrium.common.account.Caller;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;

/** The caller's own in-app notifications. */
public final class UserNotificationService {
  private final UnitOfWork work;
  private final Clock clock;

  @Inject
  public UserNotificationService(UnitOfWork work, Clock clock) {
    this.work = work;
    this.clock = clock;
  }

  public Page<UserNotification> list(Caller caller, boolean unreadOnly, PageRequest page) {
    UUID user = caller.userId();
    return work.withHandle(
        handle -> {
          UserNotificationDao notifications = handle.attach(UserNotificationDao.class);
          return unreadOnly
              ? Page.of(
                  notifications.listUnread(user, page.pageSize(), page.offset()),
                  page,
                  notifications.countUnread(user))
              : Page.of(
                  notifications.list(user, page.pageSize(), page.offset()),
                  page,
                  notifications.count(user));
        });
  }

  /** Idempotent; someone else's notification is 404. */
  public void markRead(Caller caller, UUID id) {
    int found =
        work.withHandle(
            handle ->
                handle
                    .attach(UserNotificationDao.class)
                    .markRead(id, caller.userId(), clock.instant()));
    if (found == 0) {
      throw new NotFoundException("No such notification.");
    }
  }
}
