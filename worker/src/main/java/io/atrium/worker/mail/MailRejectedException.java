package io.atrium.worker.mail;

/** The receiver refused the message for good (an SMTP 5xx): sending it again cannot help. */
public final class MailRejectedException extends Exception {
  private final String reply;

  public MailRejectedException(String reply, Throwable cause) {
    super(reply, cause);
    this.reply = reply;
  }

  /** The server's reply, code first, e.g. {@code 550 5.1.1 no such user}. */
  public String reply() {
    return reply;
  }
}
