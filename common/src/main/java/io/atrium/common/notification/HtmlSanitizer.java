package io.atrium.common.notification;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Cleans {@code body_html} before it goes into the notification template: formatting, blocks,
 * tables, images and http(s)/mailto links survive; scripts, event handlers, styles that can carry
 * code, and {@code javascript:} URLs do not.
 */
public final class HtmlSanitizer {
  private static final PolicyFactory POLICY =
      Sanitizers.FORMATTING
          .and(Sanitizers.BLOCKS)
          .and(Sanitizers.LINKS)
          .and(Sanitizers.TABLES)
          .and(Sanitizers.IMAGES)
          .and(new HtmlPolicyBuilder().allowElements("hr", "br").toFactory());

  private HtmlSanitizer() {}

  public static String sanitize(String html) {
    return html == null ? null : POLICY.sanitize(html);
  }
}
