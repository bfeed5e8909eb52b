package io.atrium.common.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.security.SecretBox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Turns a request into job args and back. The variables are sealed with the message key as context,
 * so sealed variables moved onto another job's key do not open.
 */
@Singleton
public final class MailSealer {
  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

  private final SecretBox box;
  private final ObjectMapper mapper;

  @Inject
  public MailSealer(SecretBox box, ObjectMapper mapper) {
    this.box = box;
    this.mapper = mapper;
  }

  public MailJobArgs seal(MailRequest request) {
    try {
      String variables = mapper.writeValueAsString(request.variables());
      return new MailJobArgs(
          request.template(),
          request.to(),
          box.seal(variables, context(request.messageKey())),
          request.messageKey());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("mail variables must be plain JSON values", e);
    }
  }

  /**
   * Throws IllegalArgumentException when the variables do not open: sealed under another key
   * (CREDENTIALS_ENCRYPTION_KEY differs between processes) or for another message.
   */
  public MailRequest open(MailJobArgs args) {
    String variables = box.open(args.variables(), context(args.messageKey()));
    try {
      return new MailRequest(
          args.template(), args.to(), mapper.readValue(variables, VARIABLES), args.messageKey());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the sealed mail variables are not a JSON object", e);
    }
  }

  /**
   * For a rotation of CREDENTIALS_ENCRYPTION_KEY: the same args with the variables sealed under the
   * newest key, or empty when they already are.
   */
  public java.util.Optional<MailJobArgs> reseal(MailJobArgs args) {
    return box.resealUnderCurrent(args.variables(), context(args.messageKey()))
        .map(
            variables -> new MailJobArgs(args.template(), args.to(), variables, args.messageKey()));
  }

  private static String context(String messageKey) {
    return "mail:" + messageKey;
  }
}
