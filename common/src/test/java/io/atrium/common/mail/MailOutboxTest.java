package io.atrium.common.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.jobs.JobOptions;
import io.atrium.common.json.Json;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailOutboxTest {
  private final ObjectMapper mapper = Json.newMapper();

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
  void aRequestTravelsAsSnakeCaseJobArgsAndBack() throws Exception {
    Map<String, Object> variables = new HashMap<>();
    variables.put("display_name", "Ada");
    variables.put("organization_name", null);
    MailRequest request =
        new MailRequest("notification", "a@example.com", variables, "notification:7:a");

    JsonNode args = mapper.valueToTree(request);

    assertThat(args.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("template", "to", "variables", "message_key");
    assertThat(mapper.treeToValue(args, MailRequest.class)).isEqualTo(request);
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
