package io.atrium.worker.mail;

import com.sanctionco.jmail.EmailValidator;
import io.atrium.common.config.MailConfig.SmtpServer;
import jakarta.mail.internet.InternetAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.simplejavamail.MailException;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.mailer.MailValidationException;
import org.simplejavamail.mailer.MailerBuilder;

/**
 * Sends over SMTP_URL with Simple Java Mail: {@code smtp://} with STARTTLS whenever the server
 * offers it, {@code smtps://} with TLS from the first byte, AUTH when the URL has a user.
 */
public final class SmtpMailTransport implements MailTransport {
  /** Connect, read and write timeout: a stuck server holds a job at most this long per step. */
  static final int TIMEOUT_MILLIS = 20_000;

  private final Mailer mailer;

  public SmtpMailTransport(SmtpServer server, InternetAddress from) {
    this(server, from, 1);
  }

  /**
   * {@code connections}: SMTP sessions kept open for reuse (one per handler that may send at once),
   * so a message costs one MAIL/RCPT/DATA exchange rather than a new session.
   */
  public SmtpMailTransport(SmtpServer server, InternetAddress from, int connections) {
    this.mailer =
        MailerBuilder.withSMTPServer(
                server.host(), server.port(), server.username(), server.password())
            .withTransportStrategy(
                server.implicitTls() ? TransportStrategy.SMTPS : TransportStrategy.SMTP)
            .withSessionTimeout(TIMEOUT_MILLIS)
            // Simple Java Mail trusts any certificate unless told otherwise; credentials and
            // mail must only go to a server that proves its name.
            .trustingAllHosts(false)
            .verifyingServerIdentity(true)
            .withConnectionPoolCoreSize(0)
            .withConnectionPoolMaxSize(connections)
            .withConnectionPoolExpireAfterMillis(30_000)
            .buildMailer();
    // Checked once here: a sender refused by the validation below would fail every message.
    EmailValidator validator = mailer.getEmailGovernance().getEmailValidator();
    if (validator != null && !validator.isValid(from.getAddress())) {
      throw new IllegalStateException("MAIL_FROM " + from.getAddress() + " cannot send mail");
    }
  }

  Mailer mailer() {
    return mailer;
  }

  @Override
  public void send(OutgoingMail mail) throws MailRejectedException, MailDeferredException {
    try {
      mailer.sendMail(mail.email());
    } catch (MailValidationException e) {
      // A recipient Simple Java Mail will not send to: no retry changes that.
      throw new MailRejectedException(e.getMessage(), e);
    } catch (MailException e) {
      Failure failure = Failure.of(e);
      if (failure.permanent()) {
        throw new MailRejectedException(failure.reply(), e);
      }
      throw new MailDeferredException("the message did not leave: " + failure.reply(), e);
    }
  }

  /** What went wrong: a 5xx reply is final; a 4xx, no connection or a timeout may pass later. */
  record Failure(boolean permanent, String reply) {
    static Failure of(Throwable failure) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        int code = replyCode(cause);
        if (code < 0) {
          continue;
        }
        String reply = cause.getMessage() == null ? "" + code : cause.getMessage().strip();
        // RFC 5321 4.5.3.1.10: a 552 to RCPT (mailbox over quota) is to be treated as a 452.
        boolean overQuota = code == 552 && cause instanceof SMTPAddressFailedException;
        return new Failure(code >= 500 && !overQuota, reply);
      }
      return new Failure(false, describe(failure));
    }

    private static int replyCode(Throwable cause) {
      if (cause instanceof SMTPAddressFailedException address) {
        return address.getReturnCode();
      } else if (cause instanceof SMTPSenderFailedException sender) {
        return sender.getReturnCode();
      } else if (cause instanceof SMTPSendFailedException send) {
        return send.getReturnCode();
      }
      return -1;
    }

    // Simple Java Mail's own message is generic; the causes say which host and what happened.
    private static String describe(Throwable failure) {
      Set<String> messages = new LinkedHashSet<>();
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
          messages.add(cause.getMessage().strip());
        }
      }
      return messages.isEmpty() ? failure.getClass().getName() : String.join(": ", messages);
    }
  }
}
