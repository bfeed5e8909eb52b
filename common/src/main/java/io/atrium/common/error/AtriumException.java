package io.atrium.common.error;

/**
 * A failure the caller caused or may act on, with a stable machine-readable code. Only the api
 * module turns these into HTTP answers.
 */
public abstract class AtriumException extends RuntimeException {
  private final String code;

  protected AtriumException(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
