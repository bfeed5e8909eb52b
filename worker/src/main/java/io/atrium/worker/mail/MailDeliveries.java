package io.atrium.worker.mail;

import io.atrium.common.mail.MailDelivery;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * The two statements {@code mail.send} runs per message, through Jdbi's fluent API: an on-demand
 * SqlObject ({@link io.atrium.common.mail.MailDeliveryDao}) sets up its proxy and configuration per
 * call, which on this path cost more than the statements themselves.
 */
final class MailDeliveries {
  private final Jdbi jdbi;

  MailDeliveries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Whether an SMTP server (or the dev outbox) has taken this message before. */
  boolean wasSent(String messageKey) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT 1 FROM mail_deliveries WHERE message_key = :key AND status = 'sent'")
                .bind("key", messageKey)
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
  }

  /** As {@link io.atrium.common.mail.MailDeliveryDao#record}: a sent message stays sent. */
  void record(MailDelivery delivery) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    """
                    INSERT INTO mail_deliveries (message_key, message_id, recipient, template, status,
                                                 smtp_response, attempts, created_at, sent_at)
                    VALUES (:messageKey, :messageId, :recipient, :template, :status,
                            :smtpResponse, :attempts, :createdAt, :sentAt)
                    ON CONFLICT (message_key) DO UPDATE
                       SET message_id = EXCLUDED.message_id,
                           recipient = EXCLUDED.recipient,
                           template = EXCLUDED.template,
                           status = EXCLUDED.status,
                           smtp_response = EXCLUDED.smtp_response,
                           attempts = mail_deliveries.attempts + EXCLUDED.attempts,
                           sent_at = EXCLUDED.sent_at
                     WHERE mail_deliveries.status <> 'sent'
                    """)
                .bind("messageKey", delivery.messageKey())
                .bind("messageId", delivery.messageId())
                .bind("recipient", delivery.recipient())
                .bind("template", delivery.template())
                .bind("status", delivery.status())
                .bind("smtpResponse", delivery.smtpResponse())
                .bind("attempts", delivery.attempts())
                .bindByType("createdAt", delivery.createdAt(), Instant.class)
                .bindByType("sentAt", delivery.sentAt(), Instant.class)
                .execute());
  }
}
