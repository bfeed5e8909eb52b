package io.atrium.common.organization;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

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

  @Property
  void aDerivedSlugIsValidOrTooShort(@ForAll String name) {
    String slug = Slugs.derive(name);
    assertThat(slug.length() < Slugs.MIN || Slugs.valid(slug))
        .as("'%s' from '%s'", slug, name)
        .isTrue();
  }
}
