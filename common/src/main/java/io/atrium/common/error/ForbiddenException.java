package io.atrium.common.error;

/** The caller may not do this. */
public final class ForbiddenException extends AtriumException {
  public ForbiddenException(String code, String detail) {
    super(code, detail);
  }

  public ForbiddenException(String detail) {
    this("forbidden", detail);
  }
}
