package io.atrium.common.error;

/** A temporary inability to serve (HTTP 503); the client should retry. */
public class UnavailableException extends AtriumException {
  public UnavailableException(String detail) {
    super("unavailable", detail);
  }
}
