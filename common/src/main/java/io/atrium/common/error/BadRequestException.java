package io.atrium.common.error;

import java.util.List;

/** The request is malformed; {@code errors} may name the query parameters at fault. */
public final class BadRequestException extends AtriumException {
  private final List<FieldError> errors;

  public BadRequestException(String code, String detail, List<FieldError> errors) {
    super(code, detail);
    this.errors = List.copyOf(errors);
  }

  public BadRequestException(String code, String detail) {
    this(code, detail, List.of());
  }

  public BadRequestException(String detail) {
    this("bad_request", detail);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
