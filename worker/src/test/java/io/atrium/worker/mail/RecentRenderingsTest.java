package io.atrium.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.common.mail.MailTemplateException;
import io.atrium.common.mail.MailTemplates;
import io.atrium.common.mail.RenderedMail;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentRenderingsTest {
  private final MailTemplates templates = new MailTemplates();
  private final RecentRenderings renderings = new RecentRenderings(templates);

  @Test
  void equalVariablesShareOneRenderingThatMatchesARenderOfTheirOwn() {
    RenderedMail first = renderings.render("notification", notification("Hello"));
    RenderedMail second = renderings.render("notification", notification("Hello"));

    assertThat(second).isSameAs(first);
    assertThat(first).isEqualTo(templates.render("notification", notification("Hello")));
  }

  @Test
  void otherVariablesOrAnotherTemplateRenderAgain() {
    RenderedMail hello = renderings.render("notification", notification("Hello"));
    RenderedMail goodbye = renderings.render("notification", notification("Goodbye"));
    RenderedMail verify =
        renderings.render(
            "verify-email",
            Map.of("display_name", "Ada", "link", "https://app.example.com/verify-email?token=t"));

    assertThat(goodbye.text()).contains("Goodbye").doesNotContain("Hello");
    assertThat(hello.text()).contains("Hello");
    assertThat(verify.subject()).isEqualTo("Confirm your email address");
  }

  @Test
  void manyDifferentMessagesStillRenderEachCorrectly() {
    for (int i = 0; i < 100; i++) {
      assertThat(renderings.render("notification", notification("Message " + i)).text())
          .contains("Message " + i + "\n");
    }
  }

  @Test
  void aMissingValueIsStillAnError() {
    assertThatThrownBy(() -> renderings.render("verify-email", Map.of("display_name", "Ada")))
        .isInstanceOf(MailTemplateException.class);
  }

  private static Map<String, Object> notification(String body) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("subject", "News");
    variables.put("body", body);
    return variables;
  }
}
