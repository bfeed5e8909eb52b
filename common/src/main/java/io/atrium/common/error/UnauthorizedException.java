package io.atrium.common.error;

/** Missing or invalid credentials. */
public final class UnauthorizedException extends AtriumException {
  public UnauthorizedException(String code, String detail) {
    super(code, detail);
  }

  public UnauthorizedException(String detail) {
    this("unauthorized", detail);
  }
}
