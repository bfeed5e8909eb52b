package io.atrium.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 5869, appendix A.1 (HKDF-SHA256, basic case). */
  @Test
  void matchesTheFirstTestVectorOfRfc5869() {
    byte[] inputKey = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
    byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

    byte[] output = Hkdf.derive(salt, inputKey, info, 42);

    assertThat(HEX.formatHex(output))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  /** RFC 5869, appendix A.3 (no salt, no info). */
  @Test
  void matchesTheThirdTestVectorOfRfc5869() {
    byte[] inputKey = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

    byte[] output = Hkdf.derive(new byte[0], inputKey, new byte[0], 42);

    assertThat(HEX.formatHex(output))
        .isEqualTo(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void distinctLabelsGiveUnrelatedKeysAndNeitherIsTheMasterKey() {
    byte[] master = new byte[32];
    master[0] = 7;
    byte[] pepper = Hkdf.derive(master, "atrium/api-key-pepper", 32);
    byte[] version = Hkdf.derive(master, "atrium/key-version", 32);
    assertThat(pepper).isNotEqualTo(version).isNotEqualTo(master);
    assertThat(Hkdf.derive(master, "atrium/api-key-pepper", 32)).isEqualTo(pepper);
  }
}
