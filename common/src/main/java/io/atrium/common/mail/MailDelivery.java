package io.atrium.common.mail;

import java.time.Instant;

/**
 * What became of one message: {@code sent} once an SMTP server (or the dev outbox) took it, {@code
 * failed} when it was refused for good. {@code attempts} counts the tries that led here.
 */
public record MailDelivery(
    String messageKey,
    String messageId,
    String recipient,
    String template,
    String status,
    String smtpResponse,
    int attempts,
    Instant createdAt,
    Instant sentAt) {
  public static final String SENT = "sent";
  public static final String FAILED = "failed";

  public static MailDelivery sent(
      String messageKey,
      String messageId,
      String recipient,
      String template,
      int attempts,
      Instant now) {
    return new MailDelivery(
        messageKey, messageId, recipient, template, SENT, null, attempts, now, now);
  }

  public static MailDelivery failed(
      String messageKey,
      String messageId,
      String recipient,
      String template,
      String smtpResponse,
      int attempts,
      Instant now) {
    return new MailDelivery(
        messageKey, messageId, recipient, template, FAILED, smtpResponse, attempts, now, null);
  }

  public boolean isSent() {
    return SENT.equals(status);
  }
}
