package io.atrium.worker.mail;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.atrium.common.config.MailConfig;
import io.atrium.common.config.WorkerConfig;
import io.atrium.worker.engine.JobHandlers;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code mail.send} handler and the transport that SMTP_URL chooses. */
public final class MailWorkerModule extends AbstractModule {
  private static final Logger log = LoggerFactory.getLogger(MailWorkerModule.class);

  @Override
  protected void configure() {
    JobHandlers.register(binder(), MailSendHandler.KIND, MailSendHandler.class);
  }

  @Provides
  @Singleton
  MailTransport mailTransport(MailConfig config, WorkerConfig worker, Clock clock) {
    if (config.smtp().isPresent()) {
      log.info("Mail goes out through {}", config.smtp().get());
      return new SmtpMailTransport(
          config.smtp().get(), MailSendHandler.sender(config), worker.concurrency());
    }
    log.info("No SMTP_URL: mail is written to {} (links are not logged)", config.outbox());
    return new FileMailTransport(config.outbox(), clock);
  }
}
