package io.atrium.worker.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.Recipient;
import org.simplejavamail.converter.EmailConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without SMTP_URL (development, or MAIL_TRANSPORT=file): each message becomes a complete .eml file
 * under {@code var/mail/} that any mail client opens. The log names the file, never its links: a
 * verification, reset or invitation link is a credential, and logs are read by more people than
 * mailboxes.
 */
public final class FileMailTransport implements MailTransport {
  private static final Logger log = LoggerFactory.getLogger(FileMailTransport.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int SHORT_KEY_LENGTH = 12;

  private final Path outbox;
  private final Clock clock;

  public FileMailTransport(Path outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public void send(OutgoingMail mail) throws MailDeferredException {
    Email email = mail.email();
    String name =
        STAMP.format(clock.instant())
            + "-"
            + mail.template()
            + "-"
            + MessageIds.keyHash(mail.messageKey()).substring(0, SHORT_KEY_LENGTH)
            + ".eml";
    Path file = outbox.resolve(name);
    try {
      Files.createDirectories(outbox);
      // Written aside and moved in, so that nothing ever opens half a message.
      Path partial = Files.createTempFile(outbox, ".", ".partial");
      try {
        Files.writeString(partial, EmailConverter.emailToEML(email), StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new MailDeferredException("cannot write the message to " + file, e);
    }
    log.info(
        "Mail ({}) to {} written to {}",
        mail.template(),
        email.getRecipients().stream().map(Recipient::getAddress).toList(),
        file);
  }
}
