package io.atrium.common.provider;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code provider_credentials}: an organization's credentials for one provider, the
 * secret key encrypted ({@link #encryptedSecret()}); the plaintext is never held here.
 */
public record ProviderCredential(
    UUID organizationId,
    String provider,
    String projectId,
    String accessKey,
    String defaultZone,
    byte[] secretCiphertext,
    String keyVersion,
    String secretKeyLast4,
    UUID createdBy,
    UUID updatedBy,
    Instant createdAt,
    Instant updatedAt) {

  public EncryptedSecret encryptedSecret() {
    return new EncryptedSecret(keyVersion, secretCiphertext);
  }

  @Override
  public String toString() {
    return "ProviderCredential[organizationId="
        + organizationId
        + ", provider="
        + provider
        + ", projectId="
        + projectId
        + ", keyVersion="
        + keyVersion
        + "]";
  }
}
