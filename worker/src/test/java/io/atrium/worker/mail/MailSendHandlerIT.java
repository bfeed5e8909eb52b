package io.atrium.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.atrium.common.config.MailConfig;
import io.atrium.common.config.MailConfig.SmtpServer;
import io.atrium.common.config.SecretsConfig;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.json.Json;
import io.atrium.common.mail.MailDelivery;
import io.atrium.common.mail.MailDeliveryDao;
import io.atrium.common.mail.MailRequest;
import io.atrium.common.mail.MailSealer;
import io.atrium.common.mail.MailTemplates;
import io.atrium.common.security.SecretBox;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.engine.JobContext;
import io.atrium.worker.engine.PermanentJobFailure;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MailSendHandlerIT {
  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
  private static final String KEY = "verify-email:6f1c0b2e-5d0a-4a57-9a38-1d9d2b3f4c5e";
  private static final String LINK = "https://app.atrium.test/verify-email?token=abc_DEF-123";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"));

  @TempDir Path outbox;

  private final TestDatabase database = TestDatabase.get();
  private final ObjectMapper mapper = Json.newMapper();
  private final MailSealer sealer = sealer(mapper);
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final MailDeliveryDao deliveries = database.jdbi().onDemand(MailDeliveryDao.class);

  @BeforeEach
  void cleanDatabase() {
    database.clean();
  }

  @Test
  void aMessageArrivesOnceWithBothPartsAndAMessageIdDerivedFromItsKey() throws Exception {
    handler(smtp(greenMail.getSmtp().getPort(), null, null)).handle(job(verifyEmail(KEY), 1));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage message = received[0];
    assertThat(message.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("ada@example.com");
    assertThat(message.getFrom())
        .extracting(Object::toString)
        .containsExactly("Atrium <no-reply@atrium.test>");
    assertThat(message.getSubject()).isEqualTo("Confirm your email address");
    assertThat(message.getMessageID()).isEqualTo(MessageIds.forKey(KEY, "atrium.test"));
    assertThat(message.getMessageID()).matches("<[0-9a-f]{64}@atrium\\.test>");
    assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertBothParts(message);

    MailDelivery delivery = deliveries.find(KEY).orElseThrow();
    assertThat(delivery.status()).isEqualTo(MailDelivery.SENT);
    assertThat(delivery.messageId()).isEqualTo(message.getMessageID());
    assertThat(delivery.recipient()).isEqualTo("ada@example.com");
    assertThat(delivery.template()).isEqualTo("verify-email");
    assertThat(delivery.smtpResponse()).isNull();
    assertThat(delivery.attempts()).isEqualTo(1);
    assertThat(delivery.sentAt()).isEqualTo(NOW);
  }

  @Test
  void runningTheJobAgainOrAnotherJobForTheSameKeySendsNoSecondCopy() throws Exception {
    MailSendHandler handler = handler(smtp(greenMail.getSmtp().getPort(), null, null));

    handler.handle(job(verifyEmail(KEY), 42, 1));
    handler.handle(job(verifyEmail(KEY), 42, 2));
    handler.handle(job(verifyEmail(KEY), 43, 1));

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(deliveries.find(KEY).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void theUrlsCredentialsAreUsed() throws Exception {
    handler(smtp(greenMail.getSmtp().getPort(), "mailer", "s3cret"))
        .handle(job(verifyEmail(KEY), 1));

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void wrongCredentialsAreRetriedNotDiscarded() {
    MailSendHandler handler = handler(smtp(greenMail.getSmtp().getPort(), "mailer", "wrong"));

    assertThatThrownBy(() -> handler.handle(job(verifyEmail(KEY), 1)))
        .isInstanceOf(MailDeferredException.class);
    assertThat(deliveries.find(KEY)).isEmpty();
  }

  @Test
  void aPermanentRefusalDiscardsTheJobAndRecordsTheFailure() throws Exception {
    try (ScriptedSmtpServer server =
        new ScriptedSmtpServer("550 5.1.1 <ada@example.com>: no such user", "250 OK")) {
      MailSendHandler handler = handler(smtp(server.port(), null, null));

      assertThatThrownBy(() -> handler.handle(job(verifyEmail(KEY), 3)))
          .isInstanceOf(PermanentJobFailure.class)
          .hasMessageContaining("550");
    }

    MailDelivery delivery = deliveries.find(KEY).orElseThrow();
    assertThat(delivery.status()).isEqualTo(MailDelivery.FAILED);
    assertThat(delivery.smtpResponse()).startsWith("550 5.1.1");
    assertThat(delivery.attempts()).isEqualTo(3);
    assertThat(delivery.sentAt()).isNull();
  }

  @Test
  void aRefusalOfTheMessageBodyIsPermanentToo() throws Exception {
    try (ScriptedSmtpServer server =
        new ScriptedSmtpServer("250 OK", "554 5.7.1 message refused as spam")) {
      MailSendHandler handler = handler(smtp(server.port(), null, null));

      assertThatThrownBy(() -> handler.handle(job(verifyEmail(KEY), 1)))
          .isInstanceOf(PermanentJobFailure.class);
    }
    assertThat(deliveries.find(KEY).orElseThrow().smtpResponse()).startsWith("554 5.7.1");
  }

  @Test
  void aTemporaryRefusalIsRetriedAndRecordsNothing() throws Exception {
    try (ScriptedSmtpServer server =
        new ScriptedSmtpServer("451 4.7.1 greylisted, try again later", "250 OK")) {
      MailSendHandler handler = handler(smtp(server.port(), null, null));

      assertThatThrownBy(() -> handler.handle(job(verifyEmail(KEY), 1)))
          .isInstanceOf(MailDeferredException.class)
          .isNotInstanceOf(PermanentJobFailure.class)
          .hasMessageContaining("451");
    }
    assertThat(deliveries.find(KEY)).isEmpty();
  }

  @Test
  void theRetryAfterATemporaryRefusalDeliversAndCountsBothAttempts() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 OK", "421 4.3.2 busy")) {
      MailSendHandler busy = handler(smtp(server.port(), null, null));
      assertThatThrownBy(() -> busy.handle(job(verifyEmail(KEY), 1)))
          .isInstanceOf(MailDeferredException.class);
    }

    handler(smtp(greenMail.getSmtp().getPort(), null, null)).handle(job(verifyEmail(KEY), 2));

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(deliveries.find(KEY).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void aMailboxOverQuotaIsTreatedAsTemporary() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("552 5.2.2 mailbox full", "250 OK")) {
      MailSendHandler handler = handler(smtp(server.port(), null, null));

      assertThatThrownBy(() -> handler.handle(job(verifyEmail(KEY), 1)))
          .isInstanceOf(MailDeferredException.class);
    }
    assertThat(deliveries.find(KEY)).isEmpty();
  }

  @Test
  void aRefusedConnectionIsRetriedAndRecordsNothing() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    MailSendHandler handler = handler(smtp(closedPort, null, null));

    assertThatThrownBy(() -> handler.handle(job(verifyEmail(KEY), 1)))
        .isInstanceOf(MailDeferredException.class);
    assertThat(deliveries.find(KEY)).isEmpty();
  }

  @Test
  void aMissingVariableIsAPermanentFailureAndNothingIsSent() {
    MailRequest request =
        new MailRequest("verify-email", "ada@example.com", Map.of("display_name", "Ada"), KEY);
    MailSendHandler handler = handler(smtp(greenMail.getSmtp().getPort(), null, null));

    assertThatThrownBy(() -> handler.handle(job(request, 1)))
        .isInstanceOf(PermanentJobFailure.class)
        .hasMessageContaining("link");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(deliveries.find(KEY).orElseThrow().status()).isEqualTo(MailDelivery.FAILED);
  }

  @Test
  void anAddressThatIsNoAddressIsAPermanentFailure() {
    MailRequest request =
        new MailRequest(
            "verify-email",
            "ada@example.com, eve@example.com",
            Map.of("display_name", "Ada", "link", LINK),
            KEY);
    MailSendHandler handler = handler(smtp(greenMail.getSmtp().getPort(), null, null));

    assertThatThrownBy(() -> handler.handle(job(request, 1)))
        .isInstanceOf(PermanentJobFailure.class);
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void unusableArgsArePermanent() {
    MailSendHandler handler = handler(smtp(greenMail.getSmtp().getPort(), null, null));
    JobContext job =
        new JobContext(
            7,
            "mail.send",
            "mail",
            JsonNodeFactory.instance.objectNode().put("to", "x"),
            1,
            20,
            null,
            NOW);

    assertThatThrownBy(() -> handler.handle(job)).isInstanceOf(PermanentJobFailure.class);
  }

  @Test
  void variablesSealedUnderAnotherKeyAreRetriedNotDiscarded() {
    MailSendHandler handler = handler(smtp(greenMail.getSmtp().getPort(), null, null));
    JobContext job =
        new JobContext(
            7,
            "mail.send",
            "mail",
            mapper.valueToTree(sealer(mapper).seal(verifyEmail(KEY))),
            1,
            20,
            "mail:" + KEY,
            NOW);

    assertThatThrownBy(() -> handler.handle(job))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CREDENTIALS_ENCRYPTION_KEY");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(deliveries.find(KEY)).isEmpty();
  }

  @Test
  void withoutSmtpTheMessageIsWrittenAsAParsableEmlFile() throws Exception {
    MailSendHandler handler = handler(new FileMailTransport(outbox, clock));

    handler.handle(job(verifyEmail(KEY), 1));

    List<Path> files;
    try (Stream<Path> listing = Files.list(outbox)) {
      files = listing.toList();
    }
    assertThat(files).hasSize(1);
    String name = files.get(0).getFileName().toString();
    assertThat(name)
        .isEqualTo(
            "20261122T101530.000Z-verify-email-"
                + MessageIds.keyHash(KEY).substring(0, 12)
                + ".eml");
    MimeMessage message;
    try (InputStream in = Files.newInputStream(files.get(0))) {
      message = new MimeMessage(null, in);
    }
    assertThat(message.getSubject()).isEqualTo("Confirm your email address");
    assertThat(message.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("ada@example.com");
    assertThat(message.getMessageID()).isEqualTo(MessageIds.forKey(KEY, "atrium.test"));
    assertBothParts(message);
    assertThat(deliveries.find(KEY).orElseThrow().isSent()).isTrue();

    handler.handle(job(verifyEmail(KEY), 2));
    try (Stream<Path> listing = Files.list(outbox)) {
      assertThat(listing.count()).isEqualTo(1);
    }
  }

  private static void assertBothParts(MimeMessage message) throws Exception {
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    Multipart parts = (Multipart) message.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(0).getContent().toString()).contains("Hi Zoë,").contains(LINK);
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(parts.getBodyPart(1).getContent().toString())
        .contains("<!DOCTYPE html>")
        .contains("Hi Zoë,");
  }

  private MailSendHandler handler(MailTransport transport) {
    return new MailSendHandler(
        mapper,
        sealer,
        new UnitOfWork(database.jdbi()),
        new MailTemplates(),
        transport,
        config(outbox),
        clock);
  }

  private static MailSealer sealer(ObjectMapper mapper) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new MailSealer(new SecretBox(new SecretsConfig(key)), mapper);
  }

  private static MailConfig config(Path outbox) {
    return new MailConfig(
        Optional.empty(),
        "Atrium <no-reply@atrium.test>",
        URI.create("https://app.atrium.test"),
        outbox);
  }

  private static SmtpMailTransport smtp(int port, String username, String password) {
    return new SmtpMailTransport(
        new SmtpServer("127.0.0.1", port, false, username, password),
        MailSendHandler.sender(config(Path.of("unused"))));
  }

  private static MailRequest verifyEmail(String key) {
    return new MailRequest(
        "verify-email", "ada@example.com", Map.of("display_name", "Zoë", "link", LINK), key);
  }

  private JobContext job(MailRequest request, int attempt) {
    return job(request, 42, attempt);
  }

  private JobContext job(MailRequest request, long id, int attempt) {
    return new JobContext(
        id,
        "mail.send",
        "mail",
        mapper.valueToTree(sealer.seal(request)),
        attempt,
        20,
        "mail:" + request.messageKey(),
        NOW);
  }
}
