package io.atrium.common.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {
  @Test
  void theChecksumIsTheCrc32OfTheRandomPartInBase62() {
    // CRC32("00000000000000000000000000000000") = 0xD4AB... computed independently below
    String random = "0".repeat(32);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(random.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    long value = crc.getValue();
    long decoded = 0;
    for (char c : ApiKeyFormat.checksum(random).toCharArray()) {
      decoded = decoded * 62 + ApiKeyFormat.ALPHABET.indexOf(c);
    }
    assertThat(decoded).isEqualTo(value);
    assertThat(ApiKeyFormat.checksum(random)).hasSize(6);
  }

  @Test
  void theDisplayPrefixIsTheFirstTwelveCharactersAndToStringHidesTheRest() {
    ApiKeySecret key = new ApiKeyGenerator().generate();
    assertThat(key.displayPrefix())
        .hasSize(12)
        .startsWith("atr_")
        .isEqualTo(key.value().substring(0, 12));
    assertThat(key.toString()).contains(key.displayPrefix()).doesNotContain(key.value());
  }

  @Test
  void theBearerPrefixTellsAnApiKeyFromAnAccessToken() {
    assertThat(ApiKeyFormat.hasApiKeyPrefix("atr_whatever")).isTrue();
    assertThat(ApiKeyFormat.hasApiKeyPrefix("eyJhbGciOiJIUzI1NiJ9.x.y")).isFalse();
    assertThat(ApiKeyFormat.hasApiKeyPrefix(null)).isFalse();
  }
}
