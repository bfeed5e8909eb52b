package io.atrium.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.atrium.common.config.AppConfig;
import io.atrium.common.config.DevFiles;
import io.atrium.common.mail.MailLinks;
import io.atrium.common.mail.MailOutbox;
import io.atrium.common.mail.MailRequest;
import io.atrium.common.testing.LogCapture;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.TestWorkers;
import io.atrium.worker.WorkerApplication;
import io.atrium.worker.engine.EngineSettings;
import io.atrium.worker.engine.JobRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of mail, through the file transport and through SMTP (delivered and refused), with
 * every log line of the worker captured: no line carries a link's token, the SMTP password or a key
 * of the configuration.
 */
class MailLogsIT {
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final String SMTP_PASSWORD = "smtp-password-8d2f41";
  private static final String JWT_SECRET = "jwt-secret-of-the-log-test-0123456789abcdef";
  private static final String CREDENTIALS_KEY =
      Base64.getEncoder().encodeToString("credentials-key-of-the-log-test!".getBytes());

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", SMTP_PASSWORD));

  @TempDir Path var;

  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private LogCapture capture;
  private final List<String> secrets = new ArrayList<>();

  @BeforeEach
  void setUp() {
    database.clean();
    capture = LogCapture.open();
    secrets.addAll(List.of(SMTP_PASSWORD, JWT_SECRET, CREDENTIALS_KEY));
  }

  @AfterEach
  void tearDown() {
    capture.close();
  }

  @Test
  void fileTransportLogsNoLink() throws Exception {
    try (WorkerApplication worker = start(Map.of("MAIL_TRANSPORT", "file"))) {
      sendEveryKind(worker, "file");
    }
    try (var files = Files.list(var.resolve("mail"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(5);
    }
    assertNoSecretInAnyLine();
  }

  @Test
  void smtpTransportLogsNoLinkAndNoPassword() throws Exception {
    String url = "smtp://mailer:" + SMTP_PASSWORD + "@127.0.0.1:" + greenMail.getSmtp().getPort();
    try (WorkerApplication worker =
        start(Map.of("SMTP_URL", url, "MAIL_FROM", "Atrium <no-reply@atrium.test>"))) {
      sendEveryKind(worker, "smtp");
    }
    assertThat(greenMail.getReceivedMessages()).hasSize(5);
    assertNoSecretInAnyLine();
  }

  @Test
  void refusedMailLogsNoLinkAndNoPassword() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 no such user", "250 OK")) {
      String url = "smtp://mailer:" + SMTP_PASSWORD + "@127.0.0.1:" + server.port();
      try (WorkerApplication worker =
          start(Map.of("SMTP_URL", url, "MAIL_FROM", "Atrium <no-reply@atrium.test>"))) {
        sendEveryKind(worker, "refused");
      }
    }
    assertNoSecretInAnyLine();
  }

  private void sendEveryKind(WorkerApplication worker, String run) {
    MailOutbox outbox = worker.injector().getInstance(MailOutbox.class);
    MailLinks links = worker.injector().getInstance(MailLinks.class);
    String verifyToken = token(run + "verify");
    String resetToken = token(run + "reset");
    String invitationToken = token(run + "invite");
    String actionToken = token(run + "action");
    List<MailRequest> requests =
        List.of(
            new MailRequest(
                "verify-email",
                "ada@example.com",
                Map.of("display_name", "Ada", "link", links.verifyEmail(verifyToken)),
                "verify-email:" + run),
            new MailRequest(
                "reset-password",
                "ada@example.com",
                Map.of("display_name", "Ada", "link", links.resetPassword(resetToken)),
                "reset-password:" + run),
            new MailRequest(
                "invitation",
                "bob@example.com",
                Map.of(
                    "organization_name", "Acme",
                    "inviter_name", "Ada",
                    "role", "manager",
                    "link", links.invitation(invitationToken),
                    "expires_at", "2026-11-29T10:15:30Z"),
                "invitation:" + run),
            new MailRequest(
                "security-alert",
                "ada@example.com",
                Map.of(
                    "display_name", "Ada",
                    "event", "Your password was changed",
                    "time", "2026-11-22T10:00:00Z",
                    "ip", "203.0.113.7",
                    "user_agent", "curl/8"),
                "security-alert:" + run),
            new MailRequest(
                "notification",
                "carol@example.com",
                new HashMap<>(
                    Map.of(
                        "subject", "Your report",
                        "body", "It is ready.",
                        "action_url", "https://app.atrium.test/reports?key=" + actionToken,
                        "action_text", "Open it")),
                "notification:" + run));
    List<Long> ids = new ArrayList<>();
    for (MailRequest request : requests) {
      ids.add(jdbi.inTransaction(h -> outbox.enqueue(h, request)));
    }
    for (long id : ids) {
      JobRows.await(
          "mail job " + id,
          LIMIT,
          () -> List.of("completed", "discarded").contains(JobRows.find(jdbi, id).state()));
    }
    secrets.addAll(List.of(verifyToken, resetToken, invitationToken, actionToken));
  }

  private void assertNoSecretInAnyLine() {
    assertThat(capture.events()).as("captured log lines").isNotEmpty();
    for (String line : capture.events()) {
      for (String secret : secrets) {
        assertThat(line).as("a log line").doesNotContain(secret);
      }
    }
  }

  private static String token(String seed) {
    return (seed + "Q7xk2LmN9pR4sT6vW8yZ1aB3cD5eF")
        .substring(0, 30)
        .replaceAll("[^A-Za-z0-9]", "x");
  }

  private WorkerApplication start(Map<String, String> mail) {
    Map<String, String> env = new HashMap<>(mail);
    env.put("DATABASE_URL", database.jdbcUrl());
    env.put("JWT_SECRET", JWT_SECRET);
    env.put("CREDENTIALS_ENCRYPTION_KEY", CREDENTIALS_KEY);
    env.put("FRONTEND_URL", "https://app.atrium.test");
    env.put("WORKER_CONCURRENCY", "2");
    env.put("LOG_FORMAT", "text");
    AppConfig config = AppConfig.load(env, new DevFiles(var));
    EngineSettings settings = TestWorkers.fastSettings("mail-logs-it", 2);
    return WorkerApplication.start(
        config,
        Clock.systemUTC(),
        List.of(new MailWorkerModule()),
        binder -> binder.bind(EngineSettings.class).toInstance(settings));
  }
}
