package io.atrium.common.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTest {
  @Test
  void nulAndLoneSurrogatesAreRefusedInEveryKind() {
    for (TextKind kind : TextKind.values()) {
      assertThat(TextRules.problem("a\u0000b", kind)).as(kind.name()).isPresent();
      assertThat(TextRules.problem("a\ud800b", kind)).as(kind.name()).isPresent();
      assertThat(TextRules.problem("a\udc00", kind)).as(kind.name()).isPresent();
      assertThat(TextRules.problem("\ud83d\ude00 ok", kind)).as(kind.name()).isEmpty();
    }
  }

  @Test
  void controlsOnlyWhereProseAllowsThem() {
    assertThat(TextRules.problem("line\nnext\tcell\r\n", TextKind.MULTILINE)).isEmpty();
    assertThat(TextRules.problem("bell\u0007", TextKind.MULTILINE)).isPresent();
    assertThat(TextRules.problem("c1\u0085", TextKind.MULTILINE)).isPresent();
    assertThat(TextRules.problem("two\nlines", TextKind.LINE)).isPresent();
    assertThat(TextRules.problem("tab\t", TextKind.IDENTIFIER)).isPresent();
    assertThat(TextRules.problem("sep\u2028", TextKind.IDENTIFIER)).isPresent();
    assertThat(TextRules.problem("tab\t\u0007", TextKind.SECRET)).isEmpty();
  }

  @Test
  void bidiFormattingOnlyInProse() {
    for (char c : new char[] {'\u202e', '\u202a', '\u2066', '\u2069', '\u200f', '\u061c'}) {
      assertThat(TextRules.problem("a" + c + "b", TextKind.IDENTIFIER)).isPresent();
      assertThat(TextRules.problem("a" + c + "b", TextKind.LINE)).isEmpty();
      assertThat(TextRules.problem("a" + c + "b", TextKind.MULTILINE)).isEmpty();
    }
    assertThat(TextRules.problem("Société Générale شركة", TextKind.IDENTIFIER)).isEmpty();
  }

  @Test
  void lengthCountsCodePoints() {
    assertThat(TextRules.length("\ud83d\ude00\ud83d\ude00")).isEqualTo(2);
  }
}
