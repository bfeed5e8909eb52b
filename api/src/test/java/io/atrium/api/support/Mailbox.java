package io.atrium.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.common.config.SecretsConfig;
import io.atrium.common.security.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emails a test caused, read from the {@code mail.send} jobs the change enqueued (no worker
 * runs in api tests). Their variables are sealed; the test key opens them.
 */
public final class Mailbox {
  private static final SecretBox BOX =
      new SecretBox(new SecretsConfig(Base64.getDecoder().decode(TestApp.CREDENTIALS_KEY)));

  private Mailbox() {}

  /** The variables of the newest email of {@code template} to {@code to}. */
  public static JsonNode latest(TestApp app, String to, String template) {
    String args =
        app.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT args::text FROM jobs WHERE kind = 'mail.send' AND args->>'to' = :to AND args->>'template' = :template ORDER BY id DESC LIMIT 1")
                        .bind("to", to)
                        .bind("template", template)
                        .mapTo(String.class)
                        .findOne()
                        .orElseThrow(
                            () -> new AssertionError("no " + template + " email to " + to)));
    try {
      JsonNode job = Http.JSON.readTree(args);
      String variables =
          BOX.open(job.get("variables").asText(), "mail:" + job.get("message_key").asText());
      return Http.JSON.readTree(variables);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int count(TestApp app, String to, String template) {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM jobs WHERE kind = 'mail.send' AND args->>'to' = :to AND args->>'template' = :template")
                    .bind("to", to)
                    .bind("template", template)
                    .mapTo(Integer.class)
                    .one());
  }

  public static String invitationToken(TestApp app, String to) {
    return tokenOf(
        latest(app, to, "invitation").get("link").asText(), "/invitations/([A-Za-z0-9_-]+)$");
  }

  public static String verificationToken(TestApp app, String to) {
    return tokenOf(
        latest(app, to, "verify-email").get("link").asText(),
        "/verify-email\\?token=([A-Za-z0-9_-]+)$");
  }

  public static String resetToken(TestApp app, String to) {
    return tokenOf(
        latest(app, to, "reset-password").get("link").asText(),
        "/reset-password\\?token=([A-Za-z0-9_-]+)$");
  }

  /** Every job's arguments as stored, to check that no secret is there in the clear. */
  public static String rawJobArguments(TestApp app) {
    List<String> all =
        app.database()
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT args::text FROM jobs").mapTo(String.class).list());
    return String.join("\n", all);
  }

  private static String tokenOf(String link, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(link);
    if (!matcher.find()) {
      throw new AssertionError("link " + link + " does not match " + pattern);
    }
    return matcher.group(1);
  }
}
