package io.atrium.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.sdk.model.Problem;
import java.io.IOException;
import java.util.Optional;

/**
 * Atrium answers every failure with an RFC 9457 {@code application/problem+json} body whose {@code
 * code} is a {@link io.atrium.sdk.model.ProblemCode}. The generated client throws {@link
 * ApiException} with that body as text; this reads it as the generated {@link Problem}.
 */
public final class Problems {
  private static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper();

  private Problems() {}

  /** The problem a failed call answered; empty when the answer was not a problem document. */
  public static Optional<Problem> of(ApiException failure) {
    String body = failure.getResponseBody();
    boolean problem =
        failure.getResponseHeaders() != null
            && failure
                .getResponseHeaders()
                .firstValue("Content-Type")
                .map(type -> type.startsWith("application/problem+json"))
                .orElse(false);
    if (body == null || !problem) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readValue(body, Problem.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
