package io.atrium.common.error;

/**
 * An upstream service (the cloud provider) could not be reached or did not answer usefully (HTTP
 * 502); nothing was changed, the client may retry.
 */
public final class BadGatewayException extends AtriumException {
  public BadGatewayException(String code, String detail) {
    super(code, detail);
  }
}
