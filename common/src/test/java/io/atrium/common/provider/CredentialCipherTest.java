package io.atrium.common.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.common.config.SecretsConfig;
import io.atrium.common.security.SecretBox;
import io.atrium.common.security.UnreadableSecretException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
  private static final String SECRET = "0b7c3a52-8f0e-4d51-9a43-5a1f2e6c7d88";
  private static final UUID ORG_A = UUID.fromString("11111111-1111-1111-1111-111111111111");
  private static final UUID ORG_B = UUID.fromString("22222222-2222-2222-2222-222222222222");

  private static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static CredentialCipher cipher(byte[] newest, byte[]... previous) {
    return new CredentialCipher(new SecretBox(new SecretsConfig(newest, List.of(previous))));
  }

  @Test
  void aSecretRoundTripsForItsOrganizationAndRecordsTheKeyVersion() {
    byte[] key = key();
    CredentialCipher cipher = cipher(key);

    EncryptedSecret encrypted = cipher.encrypt(ORG_A, SECRET);

    assertThat(encrypted.keyVersion()).isEqualTo(SecretBox.versionOf(key));
    assertThat(cipher.decrypt(ORG_A, encrypted)).isEqualTo(SECRET);
    assertThat(new String(encrypted.ciphertext(), StandardCharsets.ISO_8859_1))
        .doesNotContain(SECRET);
    // nonce (12) + plaintext + tag (16)
    assertThat(encrypted.ciphertext()).hasSize(12 + SECRET.length() + 16);
    assertThat(encrypted.toString()).doesNotContain(SECRET);
  }

  @Test
  void aCiphertextMovedToAnotherOrganizationDoesNotDecrypt() {
    CredentialCipher cipher = cipher(key());
    EncryptedSecret encrypted = cipher.encrypt(ORG_A, SECRET);

    assertThatThrownBy(() -> cipher.decrypt(ORG_B, encrypted))
        .isInstanceOf(UnreadableSecretException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void anyAlteredByteIsRejected() {
    CredentialCipher cipher = cipher(key());
    EncryptedSecret encrypted = cipher.encrypt(ORG_A, SECRET);
    for (int i = 0; i < encrypted.ciphertext().length; i++) {
      byte[] tampered = encrypted.ciphertext().clone();
      tampered[i] ^= 0x01;
      EncryptedSecret altered = new EncryptedSecret(encrypted.keyVersion(), tampered);
      assertThatThrownBy(() -> cipher.decrypt(ORG_A, altered))
          .as("byte %d altered", i)
          .isInstanceOf(UnreadableSecretException.class);
    }
    byte[] truncated = java.util.Arrays.copyOf(encrypted.ciphertext(), 20);
    assertThatThrownBy(
            () -> cipher.decrypt(ORG_A, new EncryptedSecret(encrypted.keyVersion(), truncated)))
        .isInstanceOf(UnreadableSecretException.class);
  }

  @Test
  void duringARotationTheOldKeyDecryptsAndTheNewOneEncrypts() {
    byte[] oldKey = key();
    byte[] newKey = key();
    EncryptedSecret underOld = cipher(oldKey).encrypt(ORG_A, SECRET);

    CredentialCipher rotating = cipher(newKey, oldKey);

    assertThat(rotating.decrypt(ORG_A, underOld)).isEqualTo(SECRET);
    assertThat(rotating.needsReencryption(underOld)).isTrue();
    EncryptedSecret underNew = rotating.reencrypt(ORG_A, underOld);
    assertThat(underNew.keyVersion())
        .isEqualTo(SecretBox.versionOf(newKey))
        .isEqualTo(rotating.currentKeyVersion());
    assertThat(rotating.needsReencryption(underNew)).isFalse();
    assertThat(rotating.reencrypt(ORG_A, underNew)).isSameAs(underNew);
    assertThat(cipher(newKey).decrypt(ORG_A, underNew)).isEqualTo(SECRET);
  }

  @Test
  void aValueUnderAKeyNoLongerListedIsUnreadableAndSaysWhichVersion() {
    byte[] oldKey = key();
    EncryptedSecret underOld = cipher(oldKey).encrypt(ORG_A, SECRET);

    assertThatThrownBy(() -> cipher(key()).decrypt(ORG_A, underOld))
        .isInstanceOf(UnreadableSecretException.class)
        .hasMessageContaining(SecretBox.versionOf(oldKey));
  }

  @Test
  void aWrongVersionLabelOnTheRightBytesDoesNotDecryptUnderAnotherKey() {
    byte[] oldKey = key();
    byte[] newKey = key();
    CredentialCipher rotating = cipher(newKey, oldKey);
    EncryptedSecret underOld = cipher(oldKey).encrypt(ORG_A, SECRET);
    EncryptedSecret mislabelled =
        new EncryptedSecret(SecretBox.versionOf(newKey), underOld.ciphertext());

    assertThatThrownBy(() -> rotating.decrypt(ORG_A, mislabelled))
        .isInstanceOf(UnreadableSecretException.class);
  }
}
