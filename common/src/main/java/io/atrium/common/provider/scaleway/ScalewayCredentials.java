package io.atrium.common.provider.scaleway;

import java.util.Objects;

/**
 * One Scaleway API key and the project it belongs to: an organization's own, or the platform's for
 * the catalog. The secret key goes only into the {@code X-Auth-Token} header; {@code toString}
 * never shows it.
 */
public record ScalewayCredentials(String secretKey, String projectId) {
  public ScalewayCredentials {
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(projectId, "projectId");
  }

  /** The last four characters, as {@code GET /providers} shows them ({@code secret_key_last4}). */
  public String secretKeyLast4() {
    return secretKey.length() <= 4 ? secretKey : secretKey.substring(secretKey.length() - 4);
  }

  @Override
  public String toString() {
    return "ScalewayCredentials[projectId=" + projectId + ", secretKey=…" + secretKeyLast4() + "]";
  }
}
