package io.atrium.common.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.common.config.SecretsConfig;
import io.atrium.common.security.Hkdf;
import io.atrium.common.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ApiKeyHasherTest {
  private static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private final ApiKeySecret apiKey = new ApiKeyGenerator().generate();

  @Test
  void theHashIsHmacSha256UnderAPepperDerivedFromTheEncryptionKeyNotTheKeyItself()
      throws Exception {
    byte[] encryptionKey = key();
    ApiKeyHash hash = new ApiKeyHasher(new SecretsConfig(encryptionKey)).hash(apiKey);

    assertThat(hash.hash())
        .isEqualTo(hmac(Hkdf.derive(encryptionKey, "atrium/api-key-pepper", 32)));
    assertThat(hash.hash()).isNotEqualTo(hmac(encryptionKey));
    assertThat(hash.pepperVersion()).isEqualTo(SecretBox.versionOf(encryptionKey));
    assertThat(hash.toString()).doesNotContain(apiKey.value());
  }

  @Test
  void theHashIsStablePerKeyAndDiffersBetweenKeysAndPeppers() {
    byte[] encryptionKey = key();
    ApiKeyHasher hasher = new ApiKeyHasher(new SecretsConfig(encryptionKey));
    ApiKeySecret other = new ApiKeyGenerator().generate();

    assertThat(hasher.hash(apiKey))
        .isEqualTo(new ApiKeyHasher(new SecretsConfig(encryptionKey)).hash(apiKey));
    assertThat(hasher.hash(apiKey).hash()).isNotEqualTo(hasher.hash(other).hash());
    assertThat(new ApiKeyHasher(new SecretsConfig(key())).hash(apiKey).hash())
        .isNotEqualTo(hasher.hash(apiKey).hash());
  }

  @Test
  void duringARotationAKeyHashedUnderTheOldPepperIsAmongTheCandidates() {
    byte[] oldKey = key();
    byte[] newKey = key();
    ApiKeyHash issued = new ApiKeyHasher(new SecretsConfig(oldKey)).hash(apiKey);

    ApiKeyHasher rotating = new ApiKeyHasher(new SecretsConfig(newKey, List.of(oldKey)));

    assertThat(rotating.candidates(apiKey)).hasSize(2).contains(issued);
    assertThat(rotating.candidates(apiKey).get(0)).isEqualTo(rotating.hash(apiKey));
    assertThat(rotating.hash(apiKey).pepperVersion()).isEqualTo(SecretBox.versionOf(newKey));
  }

  private byte[] hmac(byte[] key) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(apiKey.value().getBytes(StandardCharsets.US_ASCII));
  }
}
