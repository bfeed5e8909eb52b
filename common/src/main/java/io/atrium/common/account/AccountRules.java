package io.atrium.common.account;

import io.atrium.common.error.FieldError;
import io.atrium.common.error.InvalidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation and normalisation of what people type: emails, passwords, names. */
public final class AccountRules {
  public static final int PASSWORD_MIN = 12;
  public static final int PASSWORD_MAX = 128;
  public static final int DISPLAY_NAME_MAX = 100;
  private static final Pattern EMAIL =
      Pattern.compile(
          "^[^\\s@\"(),:;<>\\[\\]\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

  private AccountRules() {}

  /** Emails are compared case-insensitively: stored trimmed and lower-cased. */
  public static String normalizeEmail(String email) {
    return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
  }

  public static boolean validEmail(String normalized) {
    return normalized != null && normalized.length() <= 254 && EMAIL.matcher(normalized).matches();
  }

  public static String requireEmail(String field, String email) {
    String normalized = normalizeEmail(email);
    if (normalized == null || normalized.isEmpty()) {
      throw InvalidException.field(field, "is required");
    }
    if (!validEmail(normalized)) {
      throw InvalidException.field(field, "is not a valid email address");
    }
    return normalized;
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

  /** Trimmed, 1 to 100 characters, no control characters; blank means none. */
  public static String displayName(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.codePointCount(0, trimmed.length()) > DISPLAY_NAME_MAX) {
      throw InvalidException.field(field, "must be at most " + DISPLAY_NAME_MAX + " characters");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw InvalidException.field(field, "must not contain control characters");
    }
    return trimmed;
  }
}
