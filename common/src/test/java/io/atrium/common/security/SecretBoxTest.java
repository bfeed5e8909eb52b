package io.atrium.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.common.config.SecretsConfig;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] CONTEXT = "ctx".getBytes(StandardCharsets.UTF_8);

  private static byte[] key() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  @Test
  void keyVersionsAreStableDistinctAndNotTheKey() {
    byte[] first = key();
    byte[] second = key();
    assertThat(SecretBox.versionOf(first))
        .isEqualTo(SecretBox.versionOf(first.clone()))
        .isNotEqualTo(SecretBox.versionOf(second))
        .matches("[0-9a-f]{12}");
    assertThat(new SecretBox(new SecretsConfig(first)).currentKeyVersion())
        .isEqualTo(SecretBox.versionOf(first));
  }

  @Test
  void twoSealsOfOneValueDifferByTheirNonce() {
    SecretBox box = new SecretBox(new SecretsConfig(key()));
    byte[] plaintext = "same".getBytes(StandardCharsets.UTF_8);
    assertThat(box.seal(plaintext, CONTEXT).bytes())
        .isNotEqualTo(box.seal(plaintext, CONTEXT).bytes());
    assertThat(box.seal("same", "c")).isNotEqualTo(box.seal("same", "c"));
  }

  @Test
  void textFormSealedUnderAnOldKeyStillOpensDuringARotation() {
    byte[] oldKey = key();
    byte[] newKey = key();
    String sealedBefore = new SecretBox(new SecretsConfig(oldKey)).seal("in flight", "mail");

    SecretBox rotating = new SecretBox(new SecretsConfig(newKey, List.of(oldKey)));

    assertThat(rotating.open(sealedBefore, "mail")).isEqualTo("in flight");
    assertThat(rotating.open(rotating.seal("new", "mail"), "mail")).isEqualTo("new");
    assertThatThrownBy(() -> new SecretBox(new SecretsConfig(newKey)).open(sealedBefore, "mail"))
        .isInstanceOf(UnreadableSecretException.class);
    assertThatThrownBy(() -> rotating.open(sealedBefore, "other"))
        .isInstanceOf(UnreadableSecretException.class);
  }

  @Test
  void malformedValuesAreUnreadableNotAnotherFailure() {
    SecretBox box = new SecretBox(new SecretsConfig(key()));
    assertThatThrownBy(() -> box.open("v1:%%%", "c")).isInstanceOf(UnreadableSecretException.class);
    assertThatThrownBy(() -> box.open("v1:AAAA", "c"))
        .isInstanceOf(UnreadableSecretException.class);
    assertThatThrownBy(() -> box.open("v9:AAAA", "c"))
        .isInstanceOf(UnreadableSecretException.class);
    assertThatThrownBy(() -> box.open(null, "c")).isInstanceOf(UnreadableSecretException.class);
    assertThatThrownBy(
            () -> box.open(new SecretBox.Sealed(box.currentKeyVersion(), new byte[3]), CONTEXT))
        .isInstanceOf(UnreadableSecretException.class);
  }
}
