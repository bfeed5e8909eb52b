package io.atrium.common.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): derives independent keys from one master key, one per label, so
 * that no derived key is the master key itself and knowing one says nothing of another.
 */
public final class Hkdf {
  private static final int HASH_BYTES = 32;

  private Hkdf() {}

  /** {@code length} bytes for {@code label} from {@code masterKey}, without a salt. */
  public static byte[] derive(byte[] masterKey, String label, int length) {
    return derive(new byte[HASH_BYTES], masterKey, label.getBytes(StandardCharsets.UTF_8), length);
  }

  static byte[] derive(byte[] salt, byte[] inputKey, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_BYTES) {
      throw new IllegalArgumentException("HKDF-SHA256 yields 1 to 8160 bytes");
    }
    byte[] pseudoRandomKey =
        hmac(salt.length == 0 ? new byte[HASH_BYTES] : salt, inputKey, new byte[0]);
    byte[] output = new byte[length];
    byte[] previous = new byte[0];
    int written = 0;
    for (int counter = 1; written < length; counter++) {
      previous = hmac(pseudoRandomKey, previous, info, new byte[] {(byte) counter});
      int count = Math.min(HASH_BYTES, length - written);
      System.arraycopy(previous, 0, output, written, count);
      written += count;
    }
    return output;
  }

  private static byte[] hmac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
