package io.atrium.common.mail;

/** A message that cannot be rendered as asked: unknown template or a required value missing. */
public final class MailTemplateException extends RuntimeException {
  public MailTemplateException(String message) {
    super(message);
  }

  public MailTemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
