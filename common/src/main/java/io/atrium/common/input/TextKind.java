package io.atrium.common.input;

/** What a piece of client text may contain besides ordinary characters. */
public enum TextKind {
  /**
   * Emails, slugs, tokens, names of organizations and people, keywords, ids, URLs: no control
   * character (C0, DEL, C1, line and paragraph separators), no bidirectional formatting character.
   */
  IDENTIFIER,
  /** One line of prose (an email subject): no control character; bidi marks are prose. */
  LINE,
  /** Prose on several lines (a notification body): tab, line feed and carriage return too. */
  MULTILINE,
  /** Passwords: anything a keyboard or a password manager produces. */
  SECRET
}
