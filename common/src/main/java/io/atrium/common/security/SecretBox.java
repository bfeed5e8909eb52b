package io.atrium.common.security;

import io.atrium.common.config.SecretsConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under CREDENTIALS_ENCRYPTION_KEY, in the application, with a fresh 96-bit nonce per
 * value. The associated data (a context: a purpose, an organization) is authenticated but not
 * stored: a value sealed for one context does not open under another.
 *
 * <p>CREDENTIALS_ENCRYPTION_KEY may list several keys, newest first: the newest seals, every one
 * opens. Each key has a version, derived from the key (HKDF, label {@code atrium/key-version}), so
 * keys need no numbering by hand and a stored version names exactly one key.
 *
 * <p>Two forms: {@link #seal(byte[], byte[])} returns the version beside the bytes, for columns
 * that store both (provider credentials, which a rotation re-encrypts); {@link #seal(String,
 * String)} returns {@code v1:<base64(nonce || ciphertext || tag)>} for short-lived values such as
 * job arguments, opened by trying each configured key (GCM's tag tells the right one).
 */
@Singleton
public final class SecretBox {
  private static final String TEXT_FORMAT = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int VERSION_BYTES = 6;

  /** Sealed bytes ({@code nonce || ciphertext || tag}) and the version of the key that sealed. */
  public record Sealed(String keyVersion, byte[] bytes) {
    @Override
    public String toString() {
      return "Sealed[keyVersion=" + keyVersion + ", " + bytes.length + " bytes]";
    }
  }

  private record VersionedKey(String version, SecretKeySpec key) {}

  private final List<VersionedKey> keys;
  private final SecureRandom random = new SecureRandom();

  @Inject
  public SecretBox(SecretsConfig config) {
    this.keys =
        config.keysNewestFirst().stream()
            .map(key -> new VersionedKey(versionOf(key), new SecretKeySpec(key, "AES")))
            .toList();
  }

  /** The version of a 32-byte key as stored beside what it sealed: 12 hexadecimal digits. */
  public static String versionOf(byte[] key) {
    return HexFormat.of().formatHex(Hkdf.derive(key, "atrium/key-version", VERSION_BYTES));
  }

  /** The version of the key that seals now (the first of CREDENTIALS_ENCRYPTION_KEY). */
  public String currentKeyVersion() {
    return keys.get(0).version();
  }

  /** Whether a value sealed under this version can be opened. */
  public boolean canOpen(String keyVersion) {
    return key(keyVersion).isPresent();
  }

  public Sealed seal(byte[] plaintext, byte[] associatedData) {
    VersionedKey current = keys.get(0);
    return new Sealed(current.version(), encrypt(current.key(), plaintext, associatedData));
  }

  /** The plaintext; {@link UnreadableSecretException} for an unknown version, context or tamper. */
  public byte[] open(Sealed sealed, byte[] associatedData) {
    VersionedKey key =
        key(sealed.keyVersion())
            .orElseThrow(
                () ->
                    new UnreadableSecretException(
                        "sealed under key version "
                            + sealed.keyVersion()
                            + ", which CREDENTIALS_ENCRYPTION_KEY no longer lists"));
    try {
      return decrypt(key.key(), sealed.bytes(), associatedData);
    } catch (AEADBadTagException e) {
      throw new UnreadableSecretException(
          "the sealed value does not open under key version "
              + key.version()
              + " in this context (another context, or altered)",
          e);
    }
  }

  public String seal(String plaintext, String context) {
    byte[] sealed =
        encrypt(
            keys.get(0).key(),
            plaintext.getBytes(StandardCharsets.UTF_8),
            context.getBytes(StandardCharsets.UTF_8));
    return TEXT_FORMAT + ":" + Base64.getEncoder().encodeToString(sealed);
  }

  public String open(String sealed, String context) {
    if (sealed == null || !sealed.startsWith(TEXT_FORMAT + ":")) {
      throw new UnreadableSecretException("not a sealed value of a known format");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(sealed.substring(TEXT_FORMAT.length() + 1));
    } catch (IllegalArgumentException e) {
      throw new UnreadableSecretException("the sealed value is not base64", e);
    }
    byte[] associatedData = context.getBytes(StandardCharsets.UTF_8);
    for (VersionedKey key : keys) {
      try {
        return new String(decrypt(key.key(), raw, associatedData), StandardCharsets.UTF_8);
      } catch (AEADBadTagException e) {
        // sealed under another key (a rotation is under way), for another context, or altered
      }
    }
    throw new UnreadableSecretException(
        "the sealed value does not open with any configured key in this context");
  }

  /**
   * For a rotation: the value sealed anew under the newest key when it opens only under an older
   * one; empty when it already opens under the newest. {@link UnreadableSecretException} when no
   * configured key opens it.
   */
  public Optional<String> resealUnderCurrent(String sealed, String context) {
    if (sealed == null || !sealed.startsWith(TEXT_FORMAT + ":")) {
      throw new UnreadableSecretException("not a sealed value of a known format");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(sealed.substring(TEXT_FORMAT.length() + 1));
    } catch (IllegalArgumentException e) {
      throw new UnreadableSecretException("the sealed value is not base64", e);
    }
    byte[] associatedData = context.getBytes(StandardCharsets.UTF_8);
    try {
      decrypt(keys.get(0).key(), raw, associatedData);
      return Optional.empty();
    } catch (AEADBadTagException e) {
      // not under the newest key: open it under an older one and seal it again
    }
    return Optional.of(seal(open(sealed, context), context));
  }

  private Optional<VersionedKey> key(String version) {
    return keys.stream().filter(key -> key.version().equals(version)).findFirst();
  }

  private byte[] encrypt(SecretKeySpec key, byte[] plaintext, byte[] associatedData) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** Throws {@link AEADBadTagException} when the key, the context or the bytes are not right. */
  private static byte[] decrypt(SecretKeySpec key, byte[] sealed, byte[] associatedData)
      throws AEADBadTagException {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new UnreadableSecretException("the sealed value is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }
}
