package io.atrium.common.error;

/** The request is malformed. */
public final class BadRequestException extends AtriumException {
  public BadRequestException(String code, String detail) {
    super(code, detail);
  }

  public BadRequestException(String detail) {
    this("bad_request", detail);
  }
}
