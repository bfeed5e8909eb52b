package io.atrium.common.apikey;

/**
 * A well-formed API key with a valid checksum ({@link ApiKeyFormat#parse}); not yet known to be
 * issued, revoked or expired. Its {@code toString} shows only the prefix that the key list shows.
 */
public record ApiKeySecret(String value) {
  /** The first 12 characters ({@code atr_} + 8), stored and shown to recognise the key. */
  public String displayPrefix() {
    return value.substring(0, ApiKeyFormat.DISPLAY_PREFIX_LENGTH);
  }

  @Override
  public String toString() {
    return "ApiKeySecret[" + displayPrefix() + "…]";
  }
}
