package io.atrium.common.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class SlugsTest {
  @Test
  void accentsAreFoldedAndWordsHyphenated() {
    assertThat(Slugs.derive("Société Générale")).isEqualTo("societe-generale");
    assertThat(Slugs.derive("  Ærø & Łódź  GmbH!! ")).isEqualTo("aero-lodz-gmbh");
    assertThat(Slugs.derive("Straße 42")).isEqualTo("strasse-42");
  }

  @Test
  void validityFollowsTheContract() {
    assertThat(Slugs.valid("abc")).isTrue();
    assertThat(Slugs.valid("a-b-c")).isTrue();
    assertThat(Slugs.valid("ab")).isFalse();
    assertThat(Slugs.valid("a--b")).isFalse();
    assertThat(Slugs.valid("-ab")).isFalse();
    assertThat(Slugs.valid("ab-")).isFalse();
    assertThat(Slugs.valid("Abc")).isFalse();
    assertThat(Slugs.valid("a".repeat(64))).isFalse();
    assertThat(Slugs.valid("a".repeat(63))).isTrue();
  }

  @Test
  void aDerivedSlugIsValidOrTooShort() {
    AtomicInteger checked = new AtomicInteger();
    qt().withExamples(1100)
        .forAll(
            Generate.oneOf(
                strings().allPossible().ofLengthBetween(0, 100),
                strings().ascii().ofLengthBetween(0, 100),
                // Latin-1 and Latin Extended: the letters with accents that fold
                strings().betweenCodePoints(0x20, 0x24F).ofLengthBetween(0, 100)))
        .checkAssert(
            name -> {
              checked.incrementAndGet();
              String slug = Slugs.derive(name);
              assertThat(slug.length() < Slugs.MIN || Slugs.valid(slug))
                  .as("'%s' from '%s'", slug, name)
                  .isTrue();
            });
    // at least as many as before (QuickTheories skips values it has already checked)
    assertThat(checked).as("distinct examples checked").hasValueGreaterThanOrEqualTo(1000);
  }
}
