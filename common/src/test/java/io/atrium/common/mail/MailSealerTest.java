package io.atrium.common.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.config.SecretsConfig;
import io.atrium.common.json.Json;
import io.atrium.common.security.SecretBox;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailSealerTest {
  private static final String TOKEN = "Zq3xv0Jm9Jd7pW1sFv8yKc2nB4tR6uH5gL0eA9iO3wQ";

  private final ObjectMapper mapper = Json.newMapper();
  private final MailSealer sealer = new MailSealer(box(), mapper);

  private static SecretBox box() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new SecretBox(new SecretsConfig(key));
  }

  private static MailRequest request() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("display_name", "Ada");
    variables.put("link", "https://app.example.com/reset-password?token=" + TOKEN);
    variables.put("organization_name", null);
    return new MailRequest("reset-password", "ada@example.com", variables, "reset-password:7");
  }

  @Test
  void jobArgsNameTheMailInTheClearAndHideItsVariables() {
    JsonNode args = mapper.valueToTree(sealer.seal(request()));

    assertThat(args.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("template", "to", "variables", "message_key");
    assertThat(args.get("template").asText()).isEqualTo("reset-password");
    assertThat(args.get("to").asText()).isEqualTo("ada@example.com");
    assertThat(args.get("message_key").asText()).isEqualTo("reset-password:7");
    assertThat(args.get("variables").asText()).startsWith("v1:");
    assertThat(args.toString()).doesNotContain(TOKEN).doesNotContain("Ada");
  }

  @Test
  void sealedArgsOpenToTheSameRequest() throws Exception {
    JsonNode stored = mapper.valueToTree(sealer.seal(request()));

    MailRequest opened = sealer.open(mapper.treeToValue(stored, MailJobArgs.class));

    assertThat(opened).isEqualTo(request());
  }

  @Test
  void variablesMovedToAnotherMessageOrKeyDoNotOpen() {
    MailJobArgs sealed = sealer.seal(request());
    MailJobArgs moved =
        new MailJobArgs(sealed.template(), sealed.to(), sealed.variables(), "reset-password:8");

    assertThatThrownBy(() -> sealer.open(moved)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MailSealer(box(), mapper).open(sealed))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
