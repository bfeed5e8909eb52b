package io.atrium.worker.mail;

/**
 * The message did not leave this time but may the next: an SMTP 4xx, a connection that failed or
 * timed out, a disk that could not be written. The job is retried.
 */
public final class MailDeferredException extends Exception {
  public MailDeferredException(String message, Throwable cause) {
    super(message, cause);
  }
}
