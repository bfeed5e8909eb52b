package io.atrium.common.apikey;

import io.atrium.common.config.SecretsConfig;
import io.atrium.common.security.Hkdf;
import io.atrium.common.security.SecretBox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the stored form of API keys: HMAC-SHA256 of the whole key under a pepper derived from
 * CREDENTIALS_ENCRYPTION_KEY with HKDF-SHA256 (label {@code atrium/api-key-pepper}), so that the
 * pepper is never the encryption key itself and a copy of the database alone cannot test guesses.
 *
 * <p>During a key rotation each configured key yields its own pepper. A key issued under the old
 * one is found by looking up all of {@link #candidates} in one indexed query ({@code key_hash =
 * ANY(...)}); the caller may then store {@link #hash} in its place, since it holds the plaintext at
 * that moment. A key not used before the old encryption key is removed from the list stops working.
 */
@Singleton
public final class ApiKeyHasher {
  private static final String PEPPER_LABEL = "atrium/api-key-pepper";

  private record Pepper(String version, SecretKeySpec key) {}

  private final List<Pepper> peppers;

  @Inject
  public ApiKeyHasher(SecretsConfig secrets) {
    this.peppers =
        secrets.keysNewestFirst().stream()
            .map(
                key ->
                    new Pepper(
                        SecretBox.versionOf(key),
                        new SecretKeySpec(Hkdf.derive(key, PEPPER_LABEL, 32), "HmacSHA256")))
            .toList();
  }

  /** The stored form under the newest pepper. */
  public ApiKeyHash hash(ApiKeySecret key) {
    return hash(peppers.get(0), key);
  }

  /** The key's stored form under every configured pepper, newest first. */
  public List<ApiKeyHash> candidates(ApiKeySecret key) {
    return peppers.stream().map(pepper -> hash(pepper, key)).toList();
  }

  private static ApiKeyHash hash(Pepper pepper, ApiKeySecret key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(pepper.key());
      return new ApiKeyHash(
          pepper.version(), mac.doFinal(key.value().getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
