package io.atrium.common.notification;

import io.atrium.common.db.UnitOfWork;
import io.atrium.common.mail.MailOutbox;
import io.atrium.common.mail.MailRequest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Turns a stored notification into one mail job per recipient and one in-app copy per recipient
 * with an account, a batch per transaction, resuming after the last recipient done. The
 * notification row is locked during a batch, so two workers never fan out the same batch; the mail
 * jobs' message keys make a re-enqueued email (after a crash) a no-op at delivery.
 */
public final class NotificationFanOut {
  public static final int BATCH = 500;

  private final UnitOfWork work;
  private final MailOutbox outbox;
  private final Clock clock;

  @Inject
  public NotificationFanOut(UnitOfWork work, MailOutbox outbox, Clock clock) {
    this.work = work;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Public for Jdbi's constructor mapper only. */
  public record Stored(
      UUID id,
      String type,
      UUID organizationId,
      String subject,
      String body,
      String bodyHtml,
      String actionUrl,
      String actionText,
      String fannedOutThrough,
      boolean done,
      String organizationName) {}

  /** Runs batches until every recipient is done; returns how many batches it ran. */
  public int run(UUID notificationId) {
    return work.withHandle(
        handle -> {
          int batches = 0;
          while (handle.inTransaction(transaction -> nextBatch(transaction, notificationId))) {
            batches++;
          }
          return batches;
        });
  }

  /** One batch; false when nothing was left to do. */
  boolean nextBatch(Handle handle, UUID notificationId) {
    NotificationDao notifications = handle.attach(NotificationDao.class);
    Optional<Stored> found = notifications.lockForFanOut(notificationId);
    if (found.isEmpty() || found.get().done()) {
      return false;
    }
    Stored notification = found.get();
    List<Recipient> batch =
        notifications.recipientsAfter(
            notificationId,
            notification.fannedOutThrough() == null ? "" : notification.fannedOutThrough(),
            BATCH);
    if (batch.isEmpty()) {
      notifications.fannedOut(notificationId, clock.instant());
      return false;
    }
    // Prospects get the email only (also those of notifications stored before that rule).
    if (!NotificationType.ORG_TO_PROSPECTS.value().equals(notification.type())) {
      insertInApp(handle, notificationId, batch);
    }
    outbox.enqueueAll(handle, mails(notification, batch));
    notifications.fannedOutThrough(notificationId, batch.get(batch.size() - 1).email());
    return true;
  }

  private void insertInApp(Handle handle, UUID notificationId, List<Recipient> batch) {
    List<UUID> users =
        batch.stream().map(Recipient::userId).filter(java.util.Objects::nonNull).toList();
    if (users.isEmpty()) {
      return;
    }
    UUID[] ids = users.stream().map(u -> UUID.randomUUID()).toArray(UUID[]::new);
    handle
        .attach(UserNotificationDao.class)
        .insertAll(notificationId, ids, users.toArray(UUID[]::new), clock.instant());
  }

  private static List<MailRequest> mails(Stored notification, List<Recipient> batch) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("subject", notification.subject());
    variables.put("body", notification.body());
    variables.put("body_html", notification.bodyHtml());
    variables.put("action_url", notification.actionUrl());
    variables.put("action_text", notification.actionText());
    variables.put("organization_name", notification.organizationName());
    variables.values().removeIf(java.util.Objects::isNull);
    List<MailRequest> mails = new ArrayList<>(batch.size());
    for (Recipient recipient : batch) {
      mails.add(
          new MailRequest(
              "notification",
              recipient.email(),
              variables,
              "notification:" + notification.id() + ":" + recipient.email()));
    }
    return mails;
  }
}
