package io.atrium.common.provider;

/**
 * The body of {@code PUT /providers/scaleway/credentials} as sent, before validation; {@code
 * toString} never shows the secret key.
 */
public record ScalewayKeyInput(
    String projectId, String secretKey, String accessKey, String defaultZone) {
  @Override
  public String toString() {
    return "ScalewayKeyInput[projectId="
        + projectId
        + ", accessKey="
        + accessKey
        + ", defaultZone="
        + defaultZone
        + ", secretKey=<redacted>]";
  }
}
