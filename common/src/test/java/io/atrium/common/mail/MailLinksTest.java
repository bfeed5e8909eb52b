package io.atrium.common.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.common.config.MailConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailLinksTest {
  private static MailLinks links(String frontendUrl) {
    return new MailLinks(
        new MailConfig(
            Optional.empty(),
            "Atrium <no-reply@localhost>",
            URI.create(frontendUrl),
            Path.of("x")));
  }

  @Test
  void linksHaveTheContractsShape() {
    MailLinks links = links("https://app.example.com");

    assertThat(links.verifyEmail("abc_DEF-123"))
        .isEqualTo("https://app.example.com/verify-email?token=abc_DEF-123");
    assertThat(links.resetPassword("abc_DEF-123"))
        .isEqualTo("https://app.example.com/reset-password?token=abc_DEF-123");
    assertThat(links.invitation("abc_DEF-123"))
        .isEqualTo("https://app.example.com/invitations/abc_DEF-123");
  }

  @Test
  void aFrontendUnderAPathOrWithATrailingSlashKeepsOneSlash() {
    assertThat(links("https://example.com/app/").invitation("t"))
        .isEqualTo("https://example.com/app/invitations/t");
    assertThat(links("http://localhost:3000").verifyEmail("t"))
        .isEqualTo("http://localhost:3000/verify-email?token=t");
  }

  @Test
  void whateverATokenHoldsCannotBreakOutOfItsPlace() {
    MailLinks links = links("https://app.example.com");

    assertThat(links.verifyEmail("a+b/c=&d e")).endsWith("?token=a%2Bb%2Fc%3D%26d%20e");
    assertThat(links.invitation("../admin?x")).endsWith("/invitations/..%2Fadmin%3Fx");
    assertThatThrownBy(() -> links.resetPassword("")).isInstanceOf(IllegalArgumentException.class);
  }
}
