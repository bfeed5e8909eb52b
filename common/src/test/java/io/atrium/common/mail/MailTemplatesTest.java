package io.atrium.common.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailTemplatesTest {
  private static final String LINK = "https://app.example.com/verify-email?token=abc_DEF-123";

  private final MailTemplates templates = new MailTemplates();

  @Test
  void verifyEmailHasSubjectHtmlAndText() {
    RenderedMail mail =
        templates.render("verify-email", Map.of("display_name", "Ada", "link", LINK));

    assertThat(mail.subject()).isEqualTo("Confirm your email address");
    assertThat(mail.html())
        .startsWith("<!DOCTYPE html>")
        .contains("<title>Confirm your email address</title>")
        .contains("Hi Ada,")
        .contains("href=\"https://app.example.com/verify-email?token&#61;abc_DEF-123\"")
        .contains("Confirm email address</a>");
    assertThat(mail.text())
        .contains("Hi Ada,")
        .contains("\n" + LINK + "\n")
        .doesNotContain("<")
        .doesNotContain("&#");
  }

  @Test
  void resetPasswordHasSubjectHtmlAndText() {
    String link = "https://app.example.com/reset-password?token=t0k3n";
    RenderedMail mail =
        templates.render("reset-password", Map.of("display_name", "Grace", "link", link));

    assertThat(mail.subject()).isEqualTo("Reset your Atrium password");
    assertThat(mail.html()).contains("Hi Grace,").contains("Choose a new password</a>");
    assertThat(mail.text()).contains("Hi Grace,").contains(link);
  }

  @Test
  void invitationShowsWhoWhereAsWhatAndUntilWhen() {
    RenderedMail mail =
        templates.render(
            "invitation",
            Map.of(
                "organization_name", "Acme & Co",
                "inviter_name", "Ada",
                "role", "manager",
                "link", "https://app.example.com/invitations/abc",
                "expires_at", "2026-11-29T10:15:30Z"));

    assertThat(mail.subject()).isEqualTo("Ada invited you to join Acme & Co on Atrium");
    assertThat(mail.html())
        .contains("<strong>Acme &amp; Co</strong>")
        .contains("<strong>manager</strong>")
        .contains("29 November 2026 at 10:15 UTC")
        .contains("href=\"https://app.example.com/invitations/abc\"");
    assertThat(mail.text())
        .contains("Ada invited you to join Acme & Co on Atrium as manager.")
        .contains("https://app.example.com/invitations/abc")
        .contains("expires on 29 November 2026 at 10:15 UTC");
  }

  @Test
  void securityAlertListsTheEvent() {
    RenderedMail mail =
        templates.render(
            "security-alert",
            Map.of(
                "display_name", "Ada",
                "event", "Your password was changed",
                "time", "2026-11-22T08:00:00Z",
                "ip", "203.0.113.7",
                "user_agent", "Mozilla/5.0 <Firefox>"));

    assertThat(mail.subject()).isEqualTo("Security alert for your Atrium account");
    assertThat(mail.html())
        .contains("Your password was changed")
        .contains("22 November 2026 at 08:00 UTC")
        .contains("203.0.113.7")
        .contains("Mozilla/5.0 &lt;Firefox&gt;");
    assertThat(mail.text()).contains("IP address: 203.0.113.7").contains("Mozilla/5.0 <Firefox>");
  }

  @Test
  void notificationWithSanitisedHtmlUsesItUnescapedInItsSlotOnly() {
    RenderedMail mail =
        templates.render(
            "notification",
            Map.of(
                "subject", "Maintenance\r\nBcc: victim@example.com",
                "body", "We upgrade on <Sunday>.\nExpect 5 minutes of downtime.",
                "body_html", "<p>We upgrade on <b>Sunday</b>.</p>",
                "action_url", "https://status.example.com/?a=1&b=2",
                "action_text", "See the status page",
                "organization_name", "Acme <Ops>"));

    assertThat(mail.subject()).isEqualTo("Maintenance Bcc: victim@example.com");
    assertThat(mail.html())
        .contains("<p>We upgrade on <b>Sunday</b>.</p>")
        .doesNotContain("&lt;Sunday&gt;")
        .contains("href=\"https://status.example.com/?a&#61;1&amp;b&#61;2\"")
        .contains("See the status page</a>")
        .contains("Sent by Acme &lt;Ops&gt; through Atrium.");
    assertThat(mail.text())
        .contains("We upgrade on <Sunday>.\nExpect 5 minutes of downtime.")
        .contains("See the status page: https://status.example.com/?a=1&b=2")
        .contains("Sent by Acme <Ops> through Atrium.");
  }

  @Test
  void notificationWithoutOptionalPartsEscapesThePlainBody() {
    RenderedMail mail =
        templates.render(
            "notification", Map.of("subject", "Hello", "body", "1 < 2 & <b>\n\nSecond"));

    assertThat(mail.html())
        .contains("<div>1 &lt; 2 &amp; &lt;b&gt;</div><div>&nbsp;</div><div>Second</div>")
        .doesNotContain("<a href")
        .contains("Sent by Atrium.");
    assertThat(mail.text()).contains("1 < 2 & <b>\n\nSecond").doesNotContain("Open in Atrium");
  }

  @Test
  void aScriptInADisplayNameIsEscapedInHtml() {
    RenderedMail mail =
        templates.render(
            "verify-email", Map.of("display_name", "<script>alert('x')</script>", "link", LINK));

    assertThat(mail.html())
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(mail.text()).contains("Hi <script>alert('x')</script>,");
  }

  @ParameterizedTest
  @ValueSource(strings = {"display_name", "link"})
  void aMissingVariableFailsInsteadOfRenderingAHole(String missing) {
    Map<String, Object> variables = new HashMap<>(Map.of("display_name", "Ada", "link", LINK));
    variables.remove(missing);

    assertThatThrownBy(() -> templates.render("verify-email", variables))
        .isInstanceOf(MailTemplateException.class)
        .hasMessageContaining(missing);
  }

  @Test
  void aBlankOrNullVariableCountsAsMissing() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("display_name", " ");
    variables.put("link", LINK);
    assertThatThrownBy(() -> templates.render("verify-email", variables))
        .isInstanceOf(MailTemplateException.class)
        .hasMessageContaining("display_name");

    variables.put("display_name", null);
    assertThatThrownBy(() -> templates.render("verify-email", variables))
        .isInstanceOf(MailTemplateException.class)
        .hasMessageContaining("display_name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "/verify-email?token=x", "ftp://example.com/x"})
  void aLinkMustBeAnAbsoluteWebUrl(String link) {
    assertThatThrownBy(
            () -> templates.render("verify-email", Map.of("display_name", "Ada", "link", link)))
        .isInstanceOf(MailTemplateException.class)
        .hasMessageContaining("link");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-such-template", "../logback", "layout", "Verify-Email", ""})
  void unknownTemplatesFail(String name) {
    assertThatThrownBy(() -> templates.render(name, Map.of()))
        .isInstanceOf(MailTemplateException.class);
  }
}
