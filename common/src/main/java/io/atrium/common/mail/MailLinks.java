package io.atrium.common.mail;

import io.atrium.common.config.MailConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The links of the contract's "Links in emails", on the frontend's base URL. */
@Singleton
public final class MailLinks {
  private final String base;

  @Inject
  public MailLinks(MailConfig config) {
    String url = config.frontendUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String verifyEmail(String token) {
    return base + "/verify-email?token=" + encode(token);
  }

  public String resetPassword(String token) {
    return base + "/reset-password?token=" + encode(token);
  }

  public String invitation(String token) {
    return base + "/invitations/" + encode(token);
  }

  // Tokens are URL-safe base64 and pass through unchanged; anything else must not break the URL.
  // Percent-encoding (%20, never +) is right both in a query value and in a path segment.
  private static String encode(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("a link needs a token");
    }
    return URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
