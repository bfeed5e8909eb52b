package io.atrium.common.error;

/** No longer available. */
public final class GoneException extends AtriumException {
  public GoneException(String code, String detail) {
    super(code, detail);
  }
}
