package io.atrium.common.mail;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.MustacheNotFoundException;
import jakarta.inject.Singleton;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders {@code mail/<name>.subject|html|txt.mustache}: the HTML escaped (but for the one
 * triple-mustache slot of already sanitised HTML), subject and text as written. Every message has
 * both an HTML and a plain-text body.
 */
@Singleton
public final class MailTemplates {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  // Values that become an href: only absolute web links, never javascript: or relative ones.
  private static final Set<String> LINK_VARIABLES = Set.of("link", "action_url");
  // ISO-8601 instants in these are shown the way people read dates.
  private static final Set<String> TIME_VARIABLES = Set.of("expires_at", "time");
  private static final DateTimeFormatter READABLE_TIME =
      DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
  private static final Pattern TRAILING_BLANKS = Pattern.compile("[ \\t]+\\n");

  private final MustacheFactory html = new StrictMustacheFactory(true);
  private final MustacheFactory text = new StrictMustacheFactory(false);

  public RenderedMail render(String template, Map<String, ?> variables) {
    if (template == null || !NAME.matcher(template).matches()) {
      throw new MailTemplateException("'" + template + "' is not a mail template name");
    }
    Map<String, Object> values = prepare(variables == null ? Map.of() : variables);
    // One line, whatever a value holds: a line break in a subject would start a new header.
    String subject = execute(text, template + ".subject", values).replaceAll("\\s+", " ").trim();
    if (subject.isEmpty()) {
      throw new MailTemplateException("mail template " + template + " rendered an empty subject");
    }
    values.put("mail_subject", subject);
    String body = execute(html, template + ".html", values).strip() + "\n";
    String plain = tidy(execute(text, template + ".txt", values));
    return new RenderedMail(subject, body, plain);
  }

  private static Map<String, Object> prepare(Map<String, ?> variables) {
    Map<String, Object> values = new HashMap<>(variables);
    for (String name : LINK_VARIABLES) {
      Object link = values.get(name);
      if (link != null && !link.toString().isBlank()) {
        requireWebLink(name, link.toString());
      }
    }
    for (String name : TIME_VARIABLES) {
      Object time = values.get(name);
      if (time instanceof String string) {
        values.put(name, readableTime(string));
      } else if (time instanceof Instant instant) {
        values.put(name, READABLE_TIME.format(instant));
      }
    }
    // Line breaks of a plain-text body, kept in HTML without relying on CSS that some clients drop.
    if (values.get("body") instanceof String body) {
      values.put("body_lines", body.lines().map(line -> Map.of("text", line)).toList());
    }
    return values;
  }

  private static void requireWebLink(String name, String link) {
    try {
      URI uri = new URI(link);
      String scheme = uri.getScheme();
      if (("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
          && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new MailTemplateException("'" + name + "' must be an absolute http(s) URL");
  }

  private static String readableTime(String value) {
    try {
      return READABLE_TIME.format(Instant.parse(value));
    } catch (DateTimeParseException notAnInstant) {
      try {
        return READABLE_TIME.format(OffsetDateTime.parse(value));
      } catch (DateTimeParseException notATimestamp) {
        return value; // already written for people
      }
    }
  }

  private static String execute(MustacheFactory factory, String name, Map<String, Object> values) {
    Mustache mustache;
    try {
      mustache = factory.compile(name + ".mustache");
    } catch (MustacheNotFoundException e) {
      throw new MailTemplateException("there is no mail template " + name, e);
    }
    StringWriter out = new StringWriter();
    try {
      mustache.execute(out, values);
    } catch (MustacheException e) {
      throw unwrap(e);
    }
    return out.toString();
  }

  // Mustache wraps what a value code throws, once per enclosing section or layout.
  private static MailTemplateException unwrap(MustacheException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MailTemplateException missing) {
        return missing;
      }
    }
    return new MailTemplateException("cannot render a mail template: " + e.getMessage(), e);
  }

  private static String tidy(String text) {
    String lines = TRAILING_BLANKS.matcher(text.replace("\r\n", "\n")).replaceAll("\n");
    return BLANK_LINES.matcher(lines).replaceAll("\n\n").strip() + "\n";
  }
}
