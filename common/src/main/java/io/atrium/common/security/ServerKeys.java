package io.atrium.common.security;

import io.atrium.common.config.JwtConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys for one purpose each, derived from the server's secrets (HMAC-SHA256 of the purpose under
 * JWT_SECRET, and under each of JWT_PREVIOUS_SECRETS for what was made before a rotation). A key of
 * one purpose tells nothing about another's, nor about the secret it comes from.
 */
@Singleton
public final class ServerKeys {
  private final List<byte[]> secrets;

  @Inject
  public ServerKeys(JwtConfig jwt) {
    List<byte[]> all = new ArrayList<>();
    all.add(jwt.secret().getBytes(StandardCharsets.UTF_8));
    jwt.previousSecrets().forEach(s -> all.add(s.getBytes(StandardCharsets.UTF_8)));
    this.secrets = List.copyOf(all);
  }

  /** A derived key; {@code id} names it without revealing it (first bytes of its SHA-256). */
  public record Key(String id, byte[] bytes) {
    public byte[] sign(byte[] data) {
      return hmac(bytes, data);
    }

    @Override
    public String toString() {
      return "Key[id=" + id + "]";
    }
  }

  /** The key that signs now. */
  public Key current(String purpose) {
    return derive(secrets.get(0), purpose);
  }

  /** The current key first, then those of the previous secrets, which still verify. */
  public List<Key> all(String purpose) {
    return secrets.stream().map(secret -> derive(secret, purpose)).toList();
  }

  private static Key derive(byte[] secret, String purpose) {
    byte[] key = hmac(secret, ("atrium/" + purpose).getBytes(StandardCharsets.UTF_8));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return new Key(HexFormat.of().formatHex(digest, 0, 8), key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  public static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
