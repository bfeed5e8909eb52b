package io.atrium.common.apikey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The API key format: {@code atr_} + 32 random base62 characters + a 6-character checksum, 42
 * characters in all. The checksum is the CRC32 of the 32 random characters (their ASCII bytes),
 * written in base62 (digits, then A–Z, then a–z) and left-padded with {@code 0} to 6 characters, as
 * GitHub's tokens do. CRC32 catches every change of one character (every burst of up to 32 bits),
 * so a typo or a truncated paste is rejected before any database lookup, and secret scanners can
 * tell a real key from a random string. The checksum is not a secret and adds no strength: the 32
 * random characters carry 190 bits.
 */
public final class ApiKeyFormat {
  public static final String PREFIX = "atr_";
  public static final int RANDOM_LENGTH = 32;
  public static final int CHECKSUM_LENGTH = 6;
  public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
  public static final int DISPLAY_PREFIX_LENGTH = 12;

  static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private ApiKeyFormat() {}

  /**
   * Whether a bearer credential is meant as an API key (it has the prefix), so that it is checked
   * as one and never as an access token; {@link #parse} then says whether it is well-formed.
   */
  public static boolean hasApiKeyPrefix(String credential) {
    return credential != null && credential.startsWith(PREFIX);
  }

  /** A new key from {@code random}: 32 uniformly drawn base62 characters and their checksum. */
  public static ApiKeySecret generate(SecureRandom random) {
    StringBuilder key = new StringBuilder(LENGTH).append(PREFIX);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    key.append(checksum(key.substring(PREFIX.length())));
    return new ApiKeySecret(key.toString());
  }

  /**
   * The key if {@code candidate} is exactly a well-formed key whose checksum matches; empty for
   * anything else (null, wrong length or prefix, a character outside base62, a wrong checksum).
   */
  public static Optional<ApiKeySecret> parse(String candidate) {
    if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
      return Optional.empty();
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (!isBase62(candidate.charAt(i))) {
        return Optional.empty();
      }
    }
    String random = candidate.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
    String checksum = candidate.substring(PREFIX.length() + RANDOM_LENGTH);
    return checksum.equals(checksum(random))
        ? Optional.of(new ApiKeySecret(candidate))
        : Optional.empty();
  }

  /** The checksum of the 32 random characters: CRC32, base62, 6 characters. */
  static String checksum(String random) {
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] digits = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      digits[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
      value /= ALPHABET.length();
    }
    return new String(digits);
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
