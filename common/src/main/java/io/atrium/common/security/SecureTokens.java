package io.atrium.common.security;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Opaque bearer tokens: URL-safe base64 of random bytes, stored only as their SHA-256. */
@Singleton
public final class SecureTokens {
  private final SecureRandom random = new SecureRandom();

  /** 32 bytes (256 bits) unless said otherwise. */
  public String generate() {
    return generate(32);
  }

  public String generate(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  /** Tokens carry at least 128 random bits, so a plain SHA-256 is enough to store them. */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token must look like one before it costs a database lookup. */
  public static boolean wellFormed(String token) {
    return token != null
        && token.length() >= 22
        && token.length() <= 128
        && token.matches("[A-Za-z0-9_-]+");
  }
}
