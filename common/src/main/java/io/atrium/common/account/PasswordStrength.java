package io.atrium.common.account;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How hard a password is to guess, by zxcvbn (zxcvbn4j): dictionaries of common passwords, names
 * and words, keyboard patterns, sequences, repeats and dates, plus the account's own email and
 * display name. Score 0 to 4; {@value #MIN_SCORE} or more is accepted ("safely unguessable", about
 * 10^8 guesses and up).
 */
final class PasswordStrength {
  static final int MIN_SCORE = 3;

  /**
   * zxcvbn's time grows fast with length (seconds for 128 random characters), so only the first
   * {@value} characters are measured: a password whose start is strong is strong.
   */
  static final int MEASURED = 64;

  private static final Zxcvbn ESTIMATOR = new Zxcvbn();

  private PasswordStrength() {}

  static boolean strongEnough(String password, String email, String displayName) {
    String measured =
        password.codePointCount(0, password.length()) <= MEASURED
            ? password
            : password.substring(0, password.offsetByCodePoints(0, MEASURED));
    return ESTIMATOR.measure(measured, userInputs(email, displayName)).getScore() >= MIN_SCORE;
  }

  private static List<String> userInputs(String email, String displayName) {
    List<String> inputs = new ArrayList<>(List.of("atrium"));
    if (email != null) {
      inputs.add(email);
      int at = email.indexOf('@');
      if (at > 0) {
        inputs.add(email.substring(0, at));
        inputs.add(email.substring(at + 1));
      }
    }
    if (displayName != null) {
      inputs.add(displayName);
      inputs.addAll(List.of(displayName.split("\\s+")));
    }
    return inputs.stream()
        .filter(Objects::nonNull)
        .filter(s -> !s.isBlank())
        .map(s -> s.toLowerCase(Locale.ROOT))
        .distinct()
        .toList();
  }
}
