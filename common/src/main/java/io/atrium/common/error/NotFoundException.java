package io.atrium.common.error;

/** The resource does not exist (or belongs to another tenant). */
public final class NotFoundException extends AtriumException {
  public NotFoundException(String code, String detail) {
    super(code, detail);
  }

  public NotFoundException(String detail) {
    this("not_found", detail);
  }
}
