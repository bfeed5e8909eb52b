package io.atrium.common.account;

import io.atrium.common.error.InvalidException;
import io.atrium.common.input.InputLimits;
import io.atrium.common.input.TextKind;
import io.atrium.common.input.TextRules;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * The one email rule, wherever an address enters (registration, login, password and verification
 * requests, invitations, prospects, the admin console): a plain {@code local@domain} that Jakarta
 * Mail's strict parser accepts, with an ASCII dot-atom local part (no quoting, no comments, no
 * display name), a domain of at least two LDH labels, internationalised domains in their ASCII
 * (punycode) form, everything lower-cased, and none of the characters {@link TextRules} refuses in
 * identifiers. The canonical form is what is stored and compared.
 */
public final class EmailAddresses {
  private EmailAddresses() {}

  /** The canonical form of {@code raw}, or empty when it is not an address this rule accepts. */
  public static Optional<String> canonical(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.strip();
    if (value.isEmpty()
        || TextRules.length(value) > InputLimits.EMAIL
        || TextRules.problem(value, TextKind.IDENTIFIER).isPresent()) {
      return Optional.empty();
    }
    int at = value.lastIndexOf('@');
    if (at <= 0 || at == value.length() - 1) {
      return Optional.empty();
    }
    // Checked before lower-casing: the Kelvin sign would otherwise become a "k".
    String rawLocal = value.substring(0, at);
    Optional<String> domain = asciiDomain(value.substring(at + 1));
    if (domain.isEmpty() || !dotAtom(rawLocal)) {
      return Optional.empty();
    }
    String local = rawLocal.toLowerCase(Locale.ROOT);
    String address = local + "@" + domain.get();
    if (address.length() > InputLimits.EMAIL) {
      return Optional.empty();
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      if (parsed.isGroup()
          || parsed.getPersonal() != null
          || !address.equals(parsed.getAddress())) {
        return Optional.empty();
      }
    } catch (AddressException e) {
      return Optional.empty();
    }
    return Optional.of(address);
  }

  /** The canonical form; 422 on {@code field} when {@code raw} is missing or not an address. */
  public static String require(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      throw InvalidException.field(field, "is required");
    }
    return canonical(raw)
        .orElseThrow(() -> InvalidException.field(field, "is not a valid email address"));
  }

  /**
   * A search text in the form emails are stored in: lower-cased, and when it holds an {@code @}
   * followed by an internationalised domain, that domain in ASCII, so that searching for {@code
   * anna@bücher.example} finds {@code anna@xn--bcher-kva.example}.
   */
  public static String searchForm(String query) {
    String lower = query.strip().toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf('@');
    if (at < 0 || at == lower.length() - 1) {
      return lower;
    }
    return asciiDomain(lower.substring(at + 1))
        .map(domain -> lower.substring(0, at + 1) + domain)
        .orElse(lower);
  }

  private static Optional<String> asciiDomain(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (ascii.isEmpty() || ascii.length() > 253) {
      return Optional.empty();
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!label.matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")) {
        return Optional.empty();
      }
    }
    // A top-level label of digits would make 10.0.0.1 a domain.
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(ascii);
  }

  /** RFC 5322 dot-atom of ASCII atext, at most 64 characters. */
  private static boolean dotAtom(String local) {
    return local.length() <= InputLimits.EMAIL_LOCAL_PART
        && local.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  }
}
