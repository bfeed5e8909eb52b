package io.atrium.common.input;

import java.util.Optional;

/**
 * The characters no client text may carry, and those only some kinds may. Every kind refuses NUL
 * (PostgreSQL cannot store it in text, and C code stops at it) and lone surrogates (not Unicode:
 * they cannot be encoded as UTF-8, so two different strings would store or hash alike).
 */
public final class TextRules {
  private TextRules() {}

  /** What is wrong with {@code value} as text of {@code kind}, or empty when nothing is. */
  public static Optional<String> problem(String value, TextKind kind) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return Optional.of("must not contain NUL characters");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return Optional.of("must not contain unpaired surrogates");
      }
      if (Character.isLowSurrogate(c)) {
        return Optional.of("must not contain unpaired surrogates");
      }
      if (kind == TextKind.SECRET) {
        continue;
      }
      if (isControl(c) && !(kind == TextKind.MULTILINE && (c == '\t' || c == '\n' || c == '\r'))) {
        return Optional.of("must not contain control characters");
      }
      if (kind == TextKind.IDENTIFIER && isBidiControl(c)) {
        return Optional.of("must not contain bidirectional formatting characters");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code value} has only characters that every kind accepts (no NUL, no lone half). */
  public static boolean storable(String value) {
    return problem(value, TextKind.SECRET).isEmpty();
  }

  /** Its length as JSON Schema's {@code maxLength} counts: code points. */
  public static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  /** C0, DEL, C1, and the line and paragraph separators that act as newlines. */
  static boolean isControl(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  /** Embeddings, overrides, isolates and the implicit marks (LRM, RLM, ALM). */
  static boolean isBidiControl(char c) {
    return c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
