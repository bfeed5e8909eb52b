package io.atrium.common.error;

/** A conflict with the current state. */
public final class ConflictException extends AtriumException {
  public ConflictException(String code, String detail) {
    super(code, detail);
  }
}
