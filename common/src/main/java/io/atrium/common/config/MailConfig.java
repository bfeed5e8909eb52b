package io.atrium.common.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How mail leaves: an SMTP server, or, without one, .eml files in {@code outbox}. {@code
 * frontendUrl} is the base of every link in a message.
 */
public record MailConfig(Optional<SmtpServer> smtp, String from, URI frontendUrl, Path outbox) {

  /** A parsed SMTP_URL. */
  public record SmtpServer(
      String host, int port, boolean implicitTls, String username, String password) {
    @Override
    public String toString() {
      return "SmtpServer[" + (implicitTls ? "smtps" : "smtp") + "://" + host + ":" + port + "]";
    }
  }
}
