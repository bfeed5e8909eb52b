package io.atrium.common.mail;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface MailDeliveryDao {
  @SqlQuery(
      """
      SELECT message_key, message_id, recipient, template, status, smtp_response, attempts,
             created_at, sent_at
        FROM mail_deliveries
       WHERE message_key = :messageKey
      """)
  Optional<MailDelivery> find(@Bind("messageKey") String messageKey);

  /** Whether an SMTP server (or the dev outbox) has taken this message before. */
  @SqlQuery(
      "SELECT EXISTS (SELECT 1 FROM mail_deliveries WHERE message_key = :messageKey AND status = 'sent')")
  boolean wasSent(@Bind("messageKey") String messageKey);

  /**
   * Records an outcome. A sent message stays sent; a message that failed before and is sent again
   * (a new job for the same key) takes the new outcome and adds up the attempts. Its parameters are
   * the components of {@link MailDelivery}.
   */
  @SqlUpdate(
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
  void record(@BindMethods MailDelivery delivery);
}
