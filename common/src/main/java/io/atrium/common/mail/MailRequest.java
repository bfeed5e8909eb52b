package io.atrium.common.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One logical email: which template, to whom, with what values. {@code messageKey} names the
 * message, not the attempt (e.g. {@code verify-email:<token id>}): enqueuing or running it twice
 * still sends it once.
 */
public record MailRequest(
    String template, String to, Map<String, Object> variables, String messageKey) {

  public MailRequest {
    require(template, "template");
    require(to, "to");
    require(messageKey, "messageKey");
    // Values may be null (an optional variable left out); Map.copyOf would refuse them.
    variables =
        variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  /** The variables' names only: their values carry tokens (verification, reset, invitation). */
  @Override
  public String toString() {
    return "MailRequest[template="
        + template
        + ", to="
        + to
        + ", variables="
        + variables.keySet()
        + ", messageKey="
        + messageKey
        + "]";
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
