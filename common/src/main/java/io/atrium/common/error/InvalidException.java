package io.atrium.common.error;

import java.util.List;

/** A well-formed request whose values break the rules (HTTP 422). */
public final class InvalidException extends AtriumException {
  private final List<FieldError> errors;

  public InvalidException(String code, String detail, List<FieldError> errors) {
    super(code, detail);
    this.errors = List.copyOf(errors);
  }

  public InvalidException(List<FieldError> errors) {
    this("validation_failed", "The request has invalid fields.", errors);
  }

  public static InvalidException field(String field, String message) {
    return new InvalidException(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
