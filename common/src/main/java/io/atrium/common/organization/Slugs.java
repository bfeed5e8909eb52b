package io.atrium.common.organization;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Organization slugs: lowercase ASCII, accents folded, words joined by single hyphens. */
public final class Slugs {
  public static final int MIN = 3;
  public static final int MAX = 63;
  private static final Pattern VALID = Pattern.compile("^[a-z0-9](-?[a-z0-9])*$");

  /**
   * Slugs nobody may take: they read as the platform itself (in links, emails and subdomains) or
   * name paths and hosts the platform has or may have. Derived slugs step around them.
   */
  static final Set<String> RESERVED =
      Set.of(
          "about",
          "abuse",
          "account",
          "accounts",
          "admin",
          "administrator",
          "api",
          "app",
          "apps",
          "assets",
          "atrium",
          "auth",
          "billing",
          "blog",
          "cdn",
          "console",
          "dashboard",
          "dev",
          "developer",
          "developers",
          "docs",
          "download",
          "email",
          "ftp",
          "help",
          "home",
          "imap",
          "info",
          "invitations",
          "invite",
          "legal",
          "login",
          "logout",
          "mail",
          "marketing",
          "metrics",
          "new",
          "news",
          "noreply",
          "no-reply",
          "official",
          "organizations",
          "owner",
          "password",
          "platform",
          "pop",
          "postmaster",
          "privacy",
          "register",
          "root",
          "sales",
          "security",
          "settings",
          "signin",
          "signup",
          "smtp",
          "staff",
          "static",
          "status",
          "support",
          "system",
          "team",
          "terms",
          "test",
          "user",
          "users",
          "verify",
          "webmaster",
          "www");

  private Slugs() {}

  /** One of {@link #RESERVED}: refused when asked for, skipped when derived. */
  public static boolean reserved(String slug) {
    return slug != null && RESERVED.contains(slug);
  }

  public static boolean valid(String slug) {
    return slug != null
        && slug.length() >= MIN
        && slug.length() <= MAX
        && VALID.matcher(slug).matches();
  }

  /** "Société Générale" → "societe-generale". May be shorter than {@link #MIN}; callers pad. */
  public static String derive(String name) {
    String folded =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .replace("ß", "ss")
            .replace("æ", "ae")
            .replace("Æ", "ae")
            .replace("ø", "o")
            .replace("Ø", "o")
            .replace("œ", "oe")
            .replace("Œ", "oe")
            .replace("ł", "l")
            .replace("Ł", "l")
            .toLowerCase(Locale.ROOT);
    String slug = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX) {
      slug = slug.substring(0, MAX).replaceAll("-+$", "");
    }
    return slug;
  }
}
