package io.atrium.common.mail;

/**
 * A {@link MailRequest} as a {@code mail.send} job stores it: template, recipient and key in the
 * clear, so that jobs can be searched and told apart, and the variables sealed, since they carry
 * tokens (verification, reset and invitation links) that must not sit readable in the database.
 */
public record MailJobArgs(String template, String to, String variables, String messageKey) {
  public MailJobArgs {
    for (String value : new String[] {template, to, variables, messageKey}) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            "mail job args need a template, a recipient, variables and a message key");
      }
    }
  }
}
