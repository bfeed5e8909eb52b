package io.atrium.common.config;

import java.util.List;
import java.util.stream.Stream;

/**
 * The keys that encrypt provider credentials at rest (32 bytes each, AES-256), from
 * CREDENTIALS_ENCRYPTION_KEY: the newest encrypts, it and the previous ones (during a rotation)
 * decrypt.
 */
public record SecretsConfig(byte[] credentialsEncryptionKey, List<byte[]> previousKeys) {
  public SecretsConfig {
    if (credentialsEncryptionKey == null || credentialsEncryptionKey.length != 32) {
      throw new IllegalArgumentException("the credentials encryption key must be 32 bytes");
    }
    if (previousKeys.stream().anyMatch(key -> key == null || key.length != 32)) {
      throw new IllegalArgumentException("every previous credentials key must be 32 bytes");
    }
    previousKeys = List.copyOf(previousKeys);
  }

  /** One key, no rotation under way. */
  public SecretsConfig(byte[] credentialsEncryptionKey) {
    this(credentialsEncryptionKey, List.of());
  }

  /** Every key, newest first. */
  public List<byte[]> keysNewestFirst() {
    return Stream.concat(Stream.of(credentialsEncryptionKey), previousKeys.stream()).toList();
  }

  @Override
  public String toString() {
    return "SecretsConfig[keys=<" + (1 + previousKeys.size()) + " of 32 bytes>]";
  }
}
