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
    int batches = 0;
    while (work.inTransaction(handle -> nextBatch(handle, notificationId))) {
      batches++;
    }
    return batches;
  }

  /** One batch; false when nothing was left to do. */
  boolean nextBatch(Handle handle, UUID notificationId) {
    Optional<Stored> found =
        handle
            .createQuery(
                """
                SELECT n.id, n.type, n.organization_id, n.subject, n.body, n.body_html, n.action_url, n.action_text,
                       n.fanned_out_through, n.fanned_out_at IS NOT NULL AS done, o.name AS organization_name
                  FROM notifications n LEFT JOIN organizations o ON o.id = n.organization_id
                 WHERE n.id = :id FOR UPDATE OF n
                """)
            .bind("id", notificationId)
            .map(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.of(Stored.class))
            .findOne();
    if (found.isEmpty() || found.get().done()) {
      return false;
    }
    Stored notification = found.get();
    List<Recipient> batch =
        handle
            .createQuery(
                """
                SELECT email, user_id FROM notification_recipients
                 WHERE notification_id = :id AND email > :after ORDER BY email LIMIT :limit
                """)
            .bind("id", notificationId)
            .bind(
                "after",
                notification.fannedOutThrough() == null ? "" : notification.fannedOutThrough())
            .bind("limit", BATCH)
            .map(
                (rows, ctx) ->
                    new Recipient(rows.getString("email"), rows.getObject("user_id", UUID.class)))
            .list();
    if (batch.isEmpty()) {
      handle
          .createUpdate("UPDATE notifications SET fanned_out_at = :now WHERE id = :id")
          .bind("now", clock.instant())
          .bind("id", notificationId)
          .execute();
      return false;
    }
    insertInApp(handle, notificationId, batch);
    outbox.enqueueAll(handle, mails(notification, batch));
    handle
        .createUpdate("UPDATE notifications SET fanned_out_through = :last WHERE id = :id")
        .bind("last", batch.get(batch.size() - 1).email())
        .bind("id", notificationId)
        .execute();
    return true;
  }

  private void insertInApp(Handle handle, UUID notificationId, List<Recipient> batch) {
    List<UUID> users =
        batch.stream().map(Recipient::userId).filter(java.util.Objects::nonNull).toList();
    if (users.isEmpty()) {
      return;
    }
    List<UUID> ids = users.stream().map(u -> UUID.randomUUID()).toList();
    handle
        .createUpdate(
            """
            INSERT INTO user_notifications (id, user_id, notification_id, created_at)
            SELECT i, u, :notification, :now FROM unnest(:ids, :users) AS t(i, u)
            ON CONFLICT (notification_id, user_id) DO NOTHING
            """)
        .bindArray("ids", UUID.class, ids)
        .bindArray("users", UUID.class, users)
        .bind("notification", notificationId)
        .bind("now", clock.instant())
        .execute();
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
