package io.atrium.common.security;

/**
 * A sealed value that does not open: sealed under a key that is no longer configured, for another
 * context (another organization), or altered. Its message never contains the value.
 */
public final class UnreadableSecretException extends IllegalArgumentException {
  public UnreadableSecretException(String message) {
    super(message);
  }

  public UnreadableSecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
