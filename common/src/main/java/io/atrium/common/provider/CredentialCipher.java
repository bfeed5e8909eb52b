package io.atrium.common.provider;

import io.atrium.common.security.SecretBox;
import io.atrium.common.security.UnreadableSecretException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Encrypts an organization's provider secrets (the Scaleway secret key) for the database, with the
 * organization id as associated data: a ciphertext copied into another organization's row does not
 * decrypt. The key version is stored beside the value, so that {@code
 * scripts/rotate-credentials-key} can find what is not yet under the newest key.
 */
@Singleton
public final class CredentialCipher {
  private static final String CONTEXT = "atrium/provider-credentials/";

  private final SecretBox box;

  @Inject
  public CredentialCipher(SecretBox box) {
    this.box = box;
  }

  public EncryptedSecret encrypt(UUID organizationId, String secret) {
    SecretBox.Sealed sealed =
        box.seal(secret.getBytes(StandardCharsets.UTF_8), associatedData(organizationId));
    return new EncryptedSecret(sealed.keyVersion(), sealed.bytes());
  }

  /**
   * The secret; {@link UnreadableSecretException} when it was encrypted for another organization,
   * altered, or under a key CREDENTIALS_ENCRYPTION_KEY no longer lists.
   */
  public String decrypt(UUID organizationId, EncryptedSecret encrypted) {
    byte[] plaintext =
        box.open(
            new SecretBox.Sealed(encrypted.keyVersion(), encrypted.ciphertext()),
            associatedData(organizationId));
    return new String(plaintext, StandardCharsets.UTF_8);
  }

  /** The key version that {@link #encrypt} writes now. */
  public String currentKeyVersion() {
    return box.currentKeyVersion();
  }

  /** Whether a rotation still has to re-encrypt this value under the newest key. */
  public boolean needsReencryption(EncryptedSecret encrypted) {
    return !encrypted.keyVersion().equals(box.currentKeyVersion());
  }

  /** The same secret under the newest key (a new nonce); unchanged if it already is. */
  public EncryptedSecret reencrypt(UUID organizationId, EncryptedSecret encrypted) {
    if (!needsReencryption(encrypted)) {
      return encrypted;
    }
    return encrypt(organizationId, decrypt(organizationId, encrypted));
  }

  private static byte[] associatedData(UUID organizationId) {
    return (CONTEXT + organizationId).getBytes(StandardCharsets.UTF_8);
  }
}
