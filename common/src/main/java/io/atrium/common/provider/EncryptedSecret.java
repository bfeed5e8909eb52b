package io.atrium.common.provider;

import java.util.Arrays;

/**
 * A provider secret as stored: AES-256-GCM {@code nonce || ciphertext || tag} and, beside it, the
 * version of the key that encrypted it (columns {@code secret_ciphertext}, {@code key_version}).
 */
public record EncryptedSecret(String keyVersion, byte[] ciphertext) {
  public EncryptedSecret {
    if (keyVersion == null || keyVersion.isBlank() || ciphertext == null) {
      throw new IllegalArgumentException("an encrypted secret has a key version and bytes");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EncryptedSecret that
        && keyVersion.equals(that.keyVersion)
        && Arrays.equals(ciphertext, that.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * keyVersion.hashCode() + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "EncryptedSecret[keyVersion=" + keyVersion + ", " + ciphertext.length + " bytes]";
  }
}
