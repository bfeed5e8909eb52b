package io.atrium.common.config;

/** The key that encrypts provider credentials at rest (32 bytes, AES-256). */
public record SecretsConfig(byte[] credentialsEncryptionKey) {
  @Override
  public String toString() {
    return "SecretsConfig[credentialsEncryptionKey=<32 bytes>]";
  }
}
