package io.atrium.common.account;

import io.atrium.common.error.FieldError;
import io.atrium.common.error.InvalidException;
import io.atrium.common.input.InputLimits;
import io.atrium.common.input.TextKind;
import io.atrium.common.input.TextRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Validation and normalisation of what people type: emails, passwords, names. */
public final class AccountRules {
  public static final int PASSWORD_MIN = 12;
  public static final int PASSWORD_MAX = InputLimits.PASSWORD;
  public static final int DISPLAY_NAME_MAX = InputLimits.DISPLAY_NAME;

  private AccountRules() {}

  /**
   * The canonical form of an address ({@link EmailAddresses}); one the rule refuses comes back
   * stripped and lower-cased, and {@link #validEmail} then says no.
   */
  public static String normalizeEmail(String email) {
    if (email == null) {
      return null;
    }
    return EmailAddresses.canonical(email).orElseGet(() -> email.strip().toLowerCase(Locale.ROOT));
  }

  public static boolean validEmail(String normalized) {
    return normalized != null && EmailAddresses.canonical(normalized).isPresent();
  }

  public static String requireEmail(String field, String email) {
    return EmailAddresses.require(field, email);
  }

  /**
   * 12 to 128 characters (counted as code points, never truncated), not the email itself, and hard
   * enough to guess by {@link PasswordStrength} with the email and display name as known words.
   */
  public static List<FieldError> passwordProblems(
      String field, String password, String email, String displayName) {
    List<FieldError> problems = new ArrayList<>();
    if (password == null || password.isEmpty()) {
      problems.add(new FieldError(field, "is required"));
      return problems;
    }
    int length = password.codePointCount(0, password.length());
    if (length < PASSWORD_MIN) {
      problems.add(new FieldError(field, "must be at least " + PASSWORD_MIN + " characters"));
    } else if (length > PASSWORD_MAX) {
      problems.add(new FieldError(field, "must be at most " + PASSWORD_MAX + " characters"));
    } else if (email != null && password.trim().equalsIgnoreCase(email)) {
      problems.add(new FieldError(field, "must not be your email address"));
    } else if (!PasswordStrength.strongEnough(password, email, displayName)) {
      problems.add(
          new FieldError(
              field,
              "is too easy to guess: use a longer phrase of unrelated words, not a common"
                  + " password, pattern or your name"));
    }
    return problems;
  }

  public static void requirePassword(
      String field, String password, String email, String displayName) {
    List<FieldError> problems = passwordProblems(field, password, email, displayName);
    if (!problems.isEmpty()) {
      throw new InvalidException("validation_failed", "The password is too weak.", problems);
    }
  }

  /** Trimmed, 1 to 100 characters, no control or bidi formatting characters; blank means none. */
  public static String displayName(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.codePointCount(0, trimmed.length()) > DISPLAY_NAME_MAX) {
      throw InvalidException.field(field, "must be at most " + DISPLAY_NAME_MAX + " characters");
    }
    TextRules.problem(trimmed, TextKind.IDENTIFIER)
        .ifPresent(
            problem -> {
              throw InvalidException.field(field, problem);
            });
    return trimmed;
  }
}
