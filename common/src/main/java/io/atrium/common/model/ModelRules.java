package io.atrium.common.model;

import io.atrium.common.error.InvalidException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a model's fields may hold (the database's checks, and openapi.yaml's patterns). */
final class ModelRules {
  static final int NAME_MAX = io.atrium.common.input.InputLimits.ORGANIZATION_NAME;
  static final int CODE_MAX = io.atrium.common.input.InputLimits.MODEL_CODE;
  static final int DESCRIPTION_MAX = io.atrium.common.input.InputLimits.DESCRIPTION;

  /**
   * Letters, digits and {@code . _ - / :}, starting with a letter or digit: {@code org/llama-3}.
   */
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,99}");

  private ModelRules() {}

  static String visibility(String raw) {
    if (raw == null || raw.equals(Model.ORGANIZATION)) {
      return Model.ORGANIZATION;
    }
    if (raw.equals(Model.PUBLIC)) {
      return Model.PUBLIC;
    }
    throw InvalidException.field("visibility", "must be public or organization");
  }

  static String name(String raw) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty()) {
      throw InvalidException.field("name", "is required");
    }
    if (name.codePointCount(0, name.length()) > NAME_MAX) {
      throw InvalidException.field("name", "must be at most " + NAME_MAX + " characters");
    }
    return name;
  }

  static String code(String raw) {
    String code = raw.strip();
    if (!CODE.matcher(code).matches()) {
      throw InvalidException.field(
          "code",
          "must be 1 to 100 letters, digits and . _ - / :, starting with a letter or digit");
    }
    return code;
  }

  /** The name in lower case, with a hyphen for each run of other characters. */
  static String derivedCode(String name) {
    String code =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._/:]+", "-").replaceAll("^-+|-+$", "");
    if (code.length() > CODE_MAX) {
      code = code.substring(0, CODE_MAX).replaceAll("-+$", "");
    }
    if (code.isEmpty() || !CODE.matcher(code).matches()) {
      throw InvalidException.field(
          "code", "cannot be derived from this name: give one (letters, digits and . _ - / :)");
    }
    return code;
  }

  /** Blank clears it. */
  static String description(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String description = raw.strip();
    if (description.codePointCount(0, description.length()) > DESCRIPTION_MAX) {
      throw InvalidException.field(
          "description", "must be at most " + DESCRIPTION_MAX + " characters");
    }
    return description;
  }
}
