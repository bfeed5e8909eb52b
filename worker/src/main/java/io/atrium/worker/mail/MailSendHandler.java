package io.atrium.worker.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.config.MailConfig;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.mail.MailDelivery;
import io.atrium.common.mail.MailDeliveryDao;
import io.atrium.common.mail.MailJobArgs;
import io.atrium.common.mail.MailOutbox;
import io.atrium.common.mail.MailRequest;
import io.atrium.common.mail.MailSealer;
import io.atrium.common.mail.MailTemplateException;
import io.atrium.common.mail.MailTemplates;
import io.atrium.common.mail.RenderedMail;
import io.atrium.worker.engine.JobContext;
import io.atrium.worker.engine.JobHandler;
import io.atrium.worker.engine.PermanentJobFailure;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.email.EmailBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mail.send}: renders a {@link MailRequest} and hands it to the transport, once per message
 * key. The delivery is recorded right after the server accepts it, so a retry or a second job for
 * the same key finds it and sends nothing; should the process die between acceptance and record,
 * the copy sent again carries the same Message-ID.
 */
public final class MailSendHandler implements JobHandler {
  public static final String KIND = MailOutbox.JOB_KIND;
  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  private static final Logger log = LoggerFactory.getLogger(MailSendHandler.class);

  private final ObjectMapper mapper;

  /** How long a sent message's record waits for the database; the lease is 30 s. */
  static final Duration RECORD_PATIENCE = Duration.ofSeconds(20);

  private final MailSealer sealer;
  private final UnitOfWork work;
  private final RecentRenderings renderings;
  private final MailTransport transport;
  private final Clock clock;
  private final InternetAddress from;
  private final String messageIdDomain;

  @Inject
  public MailSendHandler(
      ObjectMapper mapper,
      MailSealer sealer,
      UnitOfWork work,
      MailTemplates templates,
      MailTransport transport,
      MailConfig config,
      Clock clock) {
    this.mapper = mapper;
    this.sealer = sealer;
    this.work = work;
    this.renderings = new RecentRenderings(templates);
    this.transport = transport;
    this.clock = clock;
    this.from = sender(config);
    this.messageIdDomain = MessageIds.domainOf(from.getAddress());
  }

  @Override
  public void handle(JobContext job) throws MailDeferredException {
    MailRequest request = read(job);
    if (work.withHandle(h -> h.attach(MailDeliveryDao.class).wasSent(request.messageKey()))) {
      log.info("Mail {} was sent before; not sending it again", request.messageKey());
      return;
    }
    String messageId = MessageIds.forKey(request.messageKey(), messageIdDomain);
    Email email;
    try {
      email = compose(request, messageId, job.requestId());
    } catch (MailTemplateException | AddressException e) {
      throw refused(job, request, messageId, null, e);
    }
    try {
      transport.send(new OutgoingMail(request.messageKey(), request.template(), email));
    } catch (MailRejectedException e) {
      throw refused(job, request, messageId, e.reply(), e);
    }
    recordSent(
        MailDelivery.sent(
            request.messageKey(),
            messageId,
            request.to(),
            request.template(),
            job.attempt(),
            clock.instant()));
    // mail_deliveries is the record of every message; a line each would cost more than the
    // statement that writes it when a notification goes to thousands.
    log.debug("Mail {} ({}) sent as {}", request.messageKey(), request.template(), messageId);
  }

  /**
   * The message has left: recording it is all that remains, and a failure here would send it again
   * on the retry. A database that is briefly away (a restart, a failover) is waited for, up to
   * {@link #RECORD_PATIENCE} (below the job's lease, so that no other worker takes it meanwhile);
   * only a longer outage leaves the retry to send a duplicate, which carries the same Message-ID
   * for the receiver to drop.
   */
  private void recordSent(MailDelivery delivery) {
    long deadline = System.nanoTime() + RECORD_PATIENCE.toNanos();
    long pause = 100;
    while (true) {
      try {
        record(delivery);
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
          throw e;
        }
        log.warn(
            "Mail {} was sent but not yet recorded, retrying: {}",
            delivery.messageKey(),
            e.toString());
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(pause * 2, 2_000);
      }
    }
  }

  /** Each outcome in a unit of its own: SMTP is never called while a connection is held. */
  private void record(MailDelivery delivery) {
    work.useHandle(handle -> handle.attach(MailDeliveryDao.class).record(delivery));
  }

  static InternetAddress sender(MailConfig config) {
    try {
      return new InternetAddress(config.from(), true);
    } catch (AddressException e) {
      throw new IllegalStateException("MAIL_FROM is not an email address: " + config.from(), e);
    }
  }

  private MailRequest read(JobContext job) {
    MailJobArgs args;
    try {
      args = mapper.treeToValue(job.args(), MailJobArgs.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new PermanentJobFailure("mail.send job " + job.id() + " has unusable args", e);
    }
    if (args == null) {
      throw new PermanentJobFailure("mail.send job " + job.id() + " has no args");
    }
    try {
      return sealer.open(args);
    } catch (IllegalArgumentException e) {
      // A key that differs between api and worker is a setting to fix, not a mail to give up.
      throw new IllegalStateException(
          "the variables of mail "
              + args.messageKey()
              + " do not open: is CREDENTIALS_ENCRYPTION_KEY the same in every process?",
          e);
    }
  }

  private Email compose(MailRequest request, String messageId, String requestId)
      throws AddressException {
    InternetAddress to = new InternetAddress(request.to(), true);
    RenderedMail rendered = renderings.render(request.template(), request.variables());
    EmailPopulatingBuilder builder = EmailBuilder.startingBlank();
    if (requestId != null) {
      // The id of the request that caused the message, as the API answered it and logged it:
      // the SMTP provider's logs and a bounce then lead back to the request.
      builder.withHeader(REQUEST_ID_HEADER, requestId);
    }
    return builder
        .from(from)
        .to(to)
        .withSubject(rendered.subject())
        .withPlainText(rendered.text())
        .withHTMLText(rendered.html())
        .fixingMessageId(messageId)
        .fixingSentDate(Date.from(clock.instant()))
        // RFC 3834: sent by a program, so vacation responders keep quiet.
        .withHeader("Auto-Submitted", "auto-generated")
        .buildEmail();
  }

  private PermanentJobFailure refused(
      JobContext job, MailRequest request, String messageId, String smtpResponse, Exception cause) {
    record(
        MailDelivery.failed(
            request.messageKey(),
            messageId,
            request.to(),
            request.template(),
            smtpResponse,
            job.attempt(),
            clock.instant()));
    return new PermanentJobFailure(
        "mail " + request.messageKey() + " cannot be delivered: " + cause.getMessage(), cause);
  }
}
