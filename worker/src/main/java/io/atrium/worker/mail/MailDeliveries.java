package io.atrium.worker.mail;

import io.atrium.common.mail.MailDelivery;
import io.atrium.common.mail.MailDeliveryDao;
import org.jdbi.v3.core.Jdbi;

/**
 * The two statements {@code mail.send} runs per message, through Jdbi's fluent API: an on-demand
 * SqlObject ({@link MailDeliveryDao}) sets up its proxy and configuration per call, which on this
 * path cost more than the statements themselves.
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

  /** {@link MailDeliveryDao#RECORD}: a sent message stays sent. */
  void record(MailDelivery delivery) {
    jdbi.useHandle(
        handle -> handle.createUpdate(MailDeliveryDao.RECORD).bindMethods(delivery).execute());
  }
}
