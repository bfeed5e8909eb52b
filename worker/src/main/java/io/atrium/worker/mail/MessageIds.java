package io.atrium.worker.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Message-IDs derived from the message key alone: every attempt at one logical message carries the
 * same id, so a receiver can drop the copy that a crash between the SMTP server's acceptance and
 * our record of it lets through.
 */
final class MessageIds {
  private static final String FALLBACK_DOMAIN = "atrium";

  private MessageIds() {}

  static String forKey(String messageKey, String domain) {
    return "<" + keyHash(messageKey) + "@" + domain + ">";
  }

  /** The SHA-256 of the key in hex: a name for the message that is safe in any header or path. */
  static String keyHash(String messageKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(messageKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The domain of the sender's address, the conventional right-hand side of a Message-ID. */
  static String domainOf(String address) {
    int at = address.lastIndexOf('@');
    String domain = at < 0 ? "" : address.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    return domain.matches("[a-z0-9.-]+") ? domain : FALLBACK_DOMAIN;
  }
}
