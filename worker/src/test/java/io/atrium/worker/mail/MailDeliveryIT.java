package io.atrium.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.atrium.common.config.AppConfig;
import io.atrium.common.config.DevFiles;
import io.atrium.common.logging.LogContext;
import io.atrium.common.mail.MailDelivery;
import io.atrium.common.mail.MailDeliveryDao;
import io.atrium.common.mail.MailLinks;
import io.atrium.common.mail.MailOutbox;
import io.atrium.common.mail.MailRequest;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.TestWorkers;
import io.atrium.worker.WorkerApplication;
import io.atrium.worker.engine.EngineSettings;
import io.atrium.worker.engine.JobRows;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * From MailOutbox in a transaction to the SMTP server, through the worker as WorkerMain runs it.
 */
class MailDeliveryIT {
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final String KEY = "verify-email:2d1f7a9e";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path var;

  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();

  @BeforeEach
  void clean() {
    database.clean();
  }

  @Test
  void aStagedMailIsSentOnceEvenWhenStagedAgainAfterwards() throws Exception {
    try (WorkerApplication worker = start(greenMail.getSmtp().getPort())) {
      MailOutbox outbox = worker.injector().getInstance(MailOutbox.class);
      String link = worker.injector().getInstance(MailLinks.class).verifyEmail("tok_EN-123");
      MailRequest request =
          new MailRequest(
              "verify-email", "ada@example.com", Map.of("display_name", "Ada", "link", link), KEY);

      long first = jdbi.inTransaction(h -> outbox.enqueue(h, request));
      JobRows.await("the first job", LIMIT, () -> finished(first));
      long second = jdbi.inTransaction(h -> outbox.enqueue(h, request));
      JobRows.await("the second job", LIMIT, () -> finished(second));

      assertThat(second).isNotEqualTo(first);
      assertThat(JobRows.find(jdbi, first).state()).isEqualTo("completed");
      assertThat(JobRows.find(jdbi, second).state()).isEqualTo("completed");
      MimeMessage[] received = greenMail.getReceivedMessages();
      assertThat(received).hasSize(1);
      assertThat(received[0].getMessageID()).isEqualTo(MessageIds.forKey(KEY, "atrium.test"));
      assertThat(received[0].getContent().toString()).isNotEmpty();
      assertThat(JobRows.find(jdbi, first).args()).doesNotContain("tok_EN-123");
      MailDelivery delivery = jdbi.onDemand(MailDeliveryDao.class).find(KEY).orElseThrow();
      assertThat(delivery.status()).isEqualTo(MailDelivery.SENT);
    }
  }

  @Test
  void aRefusedMailIsDiscardedAtOnce() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 no such user", "250 OK");
        WorkerApplication worker = start(server.port())) {
      MailOutbox outbox = worker.injector().getInstance(MailOutbox.class);
      MailRequest request =
          new MailRequest(
              "security-alert",
              "nobody@example.com",
              Map.of(
                  "display_name", "Ada",
                  "event", "Your password was changed",
                  "time", "2026-11-22T10:00:00Z",
                  "ip", "203.0.113.7",
                  "user_agent", "curl/8"),
              "security-alert:1");

      long id = jdbi.inTransaction(h -> outbox.enqueue(h, request));
      JobRows.await("the job", LIMIT, () -> finished(id));

      JobRows.JobRow job = JobRows.find(jdbi, id);
      assertThat(job.state()).isEqualTo("discarded");
      assertThat(job.attempt()).isEqualTo(1);
      assertThat(job.errors()).contains("550 5.1.1 no such user");
      assertThat(
              jdbi.onDemand(MailDeliveryDao.class).find("security-alert:1").orElseThrow().status())
          .isEqualTo(MailDelivery.FAILED);
    }
  }

  @Test
  void theMailOfAJobEnqueuedByARequestCarriesTheRequestsId() throws Exception {
    try (WorkerApplication worker = start(greenMail.getSmtp().getPort())) {
      MailOutbox outbox = worker.injector().getInstance(MailOutbox.class);
      String link = worker.injector().getInstance(MailLinks.class).verifyEmail("tok_RQ-1");
      Map<String, Object> variables = Map.of("display_name", "Ada", "link", link);
      // as the web process's request thread has it while the request enqueues the mail
      MDC.put(LogContext.REQUEST_ID, "3f0c1a52-request-of-the-api");
      long fromRequest;
      try {
        fromRequest =
            jdbi.inTransaction(
                h ->
                    outbox.enqueue(
                        h, new MailRequest("verify-email", "ada@example.com", variables, "rq:1")));
      } finally {
        MDC.remove(LogContext.REQUEST_ID);
      }
      long withoutRequest =
          jdbi.inTransaction(
              h ->
                  outbox.enqueue(
                      h, new MailRequest("verify-email", "bob@example.com", variables, "rq:2")));
      JobRows.await("both jobs", LIMIT, () -> finished(fromRequest) && finished(withoutRequest));

      MimeMessage[] received = greenMail.getReceivedMessages();
      assertThat(received).hasSize(2);
      for (MimeMessage message : received) {
        String to = message.getAllRecipients()[0].toString();
        assertThat(message.getHeader("X-Request-Id"))
            .as("X-Request-Id of the mail to %s", to)
            .isEqualTo(
                to.equals("ada@example.com") ? new String[] {"3f0c1a52-request-of-the-api"} : null);
      }
    }
  }

  private boolean finished(long id) {
    return List.of("completed", "discarded").contains(JobRows.find(jdbi, id).state());
  }

  private WorkerApplication start(int smtpPort) {
    AppConfig config =
        AppConfig.load(
            Map.of(
                "DATABASE_URL", database.jdbcUrl(),
                "JWT_SECRET", "test-secret-test-secret-test-secret-0123456789",
                "CREDENTIALS_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]),
                "SMTP_URL", "smtp://127.0.0.1:" + smtpPort,
                "MAIL_FROM", "Atrium <no-reply@atrium.test>",
                "FRONTEND_URL", "https://app.atrium.test",
                "WORKER_CONCURRENCY", "2",
                "LOG_FORMAT", "text"),
            new DevFiles(var));
    EngineSettings settings = TestWorkers.fastSettings("mail-it", 2);
    return WorkerApplication.start(
        config,
        Clock.systemUTC(),
        List.of(new MailWorkerModule()),
        binder -> binder.bind(EngineSettings.class).toInstance(settings));
  }
}
