package io.atrium.common.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The key format: every well-formed key parses to itself; every one-character change does not. */
class ApiKeyFormatProperties {

  /** Any 32 base62 characters, with their checksum appended. */
  private static Gen<String> keys() {
    return lists()
        .of(integers().between(0, ApiKeyFormat.ALPHABET.length() - 1))
        .ofSize(ApiKeyFormat.RANDOM_LENGTH)
        .map(ApiKeyFormatProperties::key);
  }

  private static String key(List<Integer> indexes) {
    StringBuilder random = new StringBuilder();
    indexes.forEach(i -> random.append(ApiKeyFormat.ALPHABET.charAt(i)));
    return ApiKeyFormat.PREFIX + random + ApiKeyFormat.checksum(random.toString());
  }

  @Test
  void everyWellFormedKeyRoundTrips() {
    qt().forAll(keys())
        .checkAssert(
            key -> {
              assertThat(key).hasSize(ApiKeyFormat.LENGTH);
              assertThat(ApiKeyFormat.parse(key)).contains(new ApiKeySecret(key));
            });
  }

  @Test
  void generatedKeysAreWellFormedAndDistinct() {
    ApiKeyGenerator generator = new ApiKeyGenerator();
    qt().withExamples(200)
        .forAll(integers().between(0, 0))
        .checkAssert(
            ignored -> {
              ApiKeySecret key = generator.generate();
              assertThat(key.value()).matches("atr_[0-9A-Za-z]{38}");
              assertThat(ApiKeyFormat.parse(key.value())).contains(key);
              assertThat(generator.generate()).isNotEqualTo(key);
            });
  }

  @Test
  void anySingleCharacterChangeIsRejected() {
    qt().forAll(
            keys(),
            integers().between(0, ApiKeyFormat.LENGTH - 1),
            integers().between(1, Character.MAX_VALUE))
        .assuming((key, position, replacement) -> key.charAt(position) != (char) (int) replacement)
        .checkAssert(
            (key, position, replacement) -> {
              String altered =
                  key.substring(0, position)
                      + (char) (int) replacement
                      + key.substring(position + 1);
              assertThat(ApiKeyFormat.parse(altered)).isEmpty();
            });
  }

  /** Changes within base62, where only the checksum can tell: the hard case of the one above. */
  @Test
  void anySingleBase62ChangeIsRejected() {
    qt().forAll(
            keys(),
            integers().between(ApiKeyFormat.PREFIX.length(), ApiKeyFormat.LENGTH - 1),
            integers().between(0, ApiKeyFormat.ALPHABET.length() - 1))
        .assuming(
            (key, position, index) -> key.charAt(position) != ApiKeyFormat.ALPHABET.charAt(index))
        .checkAssert(
            (key, position, index) -> {
              String altered =
                  key.substring(0, position)
                      + ApiKeyFormat.ALPHABET.charAt(index)
                      + key.substring(position + 1);
              assertThat(ApiKeyFormat.parse(altered)).isEmpty();
            });
  }

  @Test
  void truncatedOrExtendedKeysAreRejected() {
    qt().forAll(keys(), integers().between(0, ApiKeyFormat.LENGTH - 1))
        .checkAssert(
            (key, length) -> {
              assertThat(ApiKeyFormat.parse(key.substring(0, length))).isEmpty();
              assertThat(ApiKeyFormat.parse(key + key.charAt(length))).isEmpty();
            });
  }

  @Test
  void arbitraryStringsAreRejectedWithoutThrowing() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 60))
        .checkAssert(anything -> assertThat(ApiKeyFormat.parse(anything)).isEmpty());
    qt().forAll(strings().basicLatinAlphabet().ofLength(ApiKeyFormat.LENGTH - 4))
        .checkAssert(
            tail -> {
              String random = tail.substring(0, ApiKeyFormat.RANDOM_LENGTH);
              boolean wellFormed =
                  tail.chars().allMatch(c -> ApiKeyFormat.ALPHABET.indexOf(c) >= 0)
                      && tail.substring(ApiKeyFormat.RANDOM_LENGTH)
                          .equals(ApiKeyFormat.checksum(random));
              assertThat(ApiKeyFormat.parse(ApiKeyFormat.PREFIX + tail).isPresent())
                  .isEqualTo(wellFormed);
            });
  }
}
