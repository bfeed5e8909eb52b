package io.atrium.common.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.common.jobs.JobOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailOutboxTest {
  @Test
  void aMailJobRunsOnTheMailQueueOncePerMessageKey() {
    JobOptions options =
        MailOutbox.jobOptions(
            new MailRequest("verify-email", "a@example.com", Map.of(), "verify-email:42"));

    assertThat(options.queue()).isEqualTo("mail");
    assertThat(options.idempotencyKey()).isEqualTo("mail:verify-email:42");
    assertThat(options.maxAttempts()).isEqualTo(JobOptions.DEFAULT_MAX_ATTEMPTS);
  }

  @Test
  void aRequestNeedsATemplateARecipientAndAKey() {
    assertThatThrownBy(() -> new MailRequest(" ", "a@example.com", Map.of(), "k"))
        .hasMessageContaining("template");
    assertThatThrownBy(() -> new MailRequest("t", null, Map.of(), "k")).hasMessageContaining("to");
    assertThatThrownBy(() -> new MailRequest("t", "a@example.com", Map.of(), ""))
        .hasMessageContaining("messageKey");
    assertThat(new MailRequest("t", "a@example.com", null, "k").variables()).isEmpty();
  }
}
