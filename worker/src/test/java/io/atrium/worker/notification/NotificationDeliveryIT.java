package io.atrium.worker.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.atrium.common.account.Caller;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.notification.NotificationRequest;
import io.atrium.common.notification.NotificationService;
import io.atrium.common.notification.NotificationType.Scope;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.TestWorkers;
import io.atrium.worker.engine.JobRows;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A notification to 600 users delivered by two worker processes through a real SMTP server; one
 * worker is killed while the fan-out and the deliveries run. Every recipient gets the email and one
 * in-app copy; a copy sent twice can only be one the dead worker held, with the same Message-ID.
 */
class NotificationDeliveryIT {
  private static final int USERS = 600;
  private static final Duration LIMIT = Duration.ofSeconds(120);

  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private final List<Process> processes = new ArrayList<>();
  private GreenMail smtp;

  @BeforeEach
  void prepare() {
    database.clean();
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
    smtp.stop();
  }

  @Test
  void aWorkerKilledDuringTheFanOutLosesAndDuplicatesNothing() throws Exception {
    UUID admin = insertUsers();
    Injector injector = TestWorkers.injector(database, TestWorkers.fastSettings("sender", 1));
    NotificationService notifications = injector.getInstance(NotificationService.class);
    Caller caller =
        new Caller(
            admin,
            UUID.randomUUID(),
            "admin@example.com",
            "platform_admin",
            null,
            null,
            null,
            null);
    NotificationService.Sent sent =
        notifications.send(
            caller,
            Scope.PLATFORM,
            new NotificationRequest(
                "platform_to_users",
                true,
                null,
                null,
                "Maintenance tonight",
                "We will be down at 22:00.",
                "<p>At <b>22:00</b></p>",
                null,
                null),
            RequestOrigin.SYSTEM);
    assertThat(sent.recipientCount()).isEqualTo(USERS + 1);

    int port = smtp.getSmtp().getPort();
    Process doomed = launch("notify-a", port);
    launch("notify-b", port);
    JobRows.await(
        "the fan-out to start",
        LIMIT,
        () -> fannedOutThrough(sent.notificationId()) != null || received() > 0);
    doomed.destroyForcibly();
    doomed.waitFor();
    JobRows.await(
        "the dead worker's sessions to end",
        LIMIT,
        () ->
            count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'notify-a'")
                == 0);
    long heldAtKill =
        count(
            "SELECT count(*) FROM jobs WHERE kind = 'mail.send' AND state = 'running' AND locked_by = 'notify-a'");

    JobRows.await("every recipient's email", LIMIT, () -> distinctRecipients().size() == USERS + 1);
    JobRows.await(
        "every mail job finished",
        LIMIT,
        () ->
            count("SELECT count(*) FROM jobs WHERE kind = 'mail.send' AND state <> 'completed'")
                == 0);

    MimeMessage[] messages = smtp.getReceivedMessages();
    Map<String, Set<String>> messageIdsByRecipient = new HashMap<>();
    for (MimeMessage message : messages) {
      messageIdsByRecipient
          .computeIfAbsent(message.getAllRecipients()[0].toString(), r -> new HashSet<>())
          .add(message.getMessageID());
      assertThat(message.getSubject()).isEqualTo("Maintenance tonight");
    }
    assertThat(messageIdsByRecipient).hasSize(USERS + 1);
    assertThat(messageIdsByRecipient.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    assertThat((long) (messages.length - messageIdsByRecipient.size()))
        .isLessThanOrEqualTo(heldAtKill);
    assertThat(
            count(
                "SELECT count(*) FROM user_notifications WHERE notification_id = '"
                    + sent.notificationId()
                    + "'"))
        .isEqualTo(USERS + 1);
    assertThat(count("SELECT count(*) FROM mail_deliveries WHERE status = 'sent'"))
        .isEqualTo(USERS + 1);
    assertThat(count("SELECT count(*) FROM notifications WHERE fanned_out_at IS NOT NULL"))
        .isEqualTo(1);
    System.out.printf(
        "notification kill test: %d mail jobs held by the killed worker, %d sent twice%n",
        heldAtKill, messages.length - messageIdsByRecipient.size());
  }

  private UUID insertUsers() {
    UUID admin = UUID.randomUUID();
    jdbi.useHandle(
        h -> {
          h.execute(
              "INSERT INTO users (id, email, password_hash, platform_role, status, created_at, updated_at)"
                  + " VALUES (?, 'admin@example.com', 'x', 'platform_admin', 'active', now(), now())",
              admin);
          h.execute(
              "INSERT INTO users (id, email, password_hash, status, created_at, updated_at)"
                  + " SELECT gen_random_uuid(), 'user' || n || '@example.com', 'x', 'active', now(), now() FROM generate_series(1, ?) AS n",
              USERS);
        });
    return admin;
  }

  private Process launch(String workerId, int smtpPort) throws IOException {
    Process process =
        TestWorkers.launch(
            database, NotificationTestWorkerMain.class, workerId, Integer.toString(smtpPort));
    processes.add(process);
    return process;
  }

  private Set<String> distinctRecipients() {
    Set<String> recipients = new HashSet<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        recipients.add(message.getAllRecipients()[0].toString());
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return recipients;
  }

  private int received() {
    return smtp.getReceivedMessages().length;
  }

  private String fannedOutThrough(UUID id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT fanned_out_through FROM notifications WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
