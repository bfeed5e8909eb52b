package io.atrium.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.common.config.MailConfig.SmtpServer;
import jakarta.mail.internet.InternetAddress;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpMailTransportTest {
  private static Properties session(SmtpServer server) throws Exception {
    return new SmtpMailTransport(server, new InternetAddress("Atrium <no-reply@atrium.test>"))
        .mailer()
        .getSession()
        .getProperties();
  }

  @Test
  void smtpUsesStartTlsWhenOfferedAndChecksTheCertificate() throws Exception {
    Properties session = session(new SmtpServer("smtp.example.com", 587, false, null, null));

    assertThat(session.getProperty("mail.transport.protocol")).isEqualTo("smtp");
    assertThat(session.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
    assertThat(session.getProperty("mail.smtp.starttls.required")).isEqualTo("false");
    assertThat(session.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
    assertThat(session.getProperty("mail.smtp.ssl.trust")).isNull();
    assertThat(session.getProperty("mail.smtp.auth")).isNotEqualTo("true");
    assertThat(session.getProperty("mail.smtp.connectiontimeout")).isEqualTo("20000");
    assertThat(session.getProperty("mail.smtp.timeout")).isEqualTo("20000");
    assertThat(session.getProperty("mail.smtp.writetimeout")).isEqualTo("20000");
  }

  @Test
  void smtpsUsesTlsFromTheStartAndAuthenticatesWithTheUrlsUser() throws Exception {
    Properties session = session(new SmtpServer("smtp.example.com", 465, true, "mailer", "pw"));

    assertThat(session.getProperty("mail.transport.protocol")).isEqualTo("smtps");
    assertThat(session.getProperty("mail.smtps.host")).isEqualTo("smtp.example.com");
    assertThat(session.getProperty("mail.smtps.port")).isEqualTo("465");
    assertThat(session.getProperty("mail.smtps.auth")).isEqualTo("true");
    assertThat(session.getProperty("mail.smtps.user")).isEqualTo("mailer");
    assertThat(session.getProperty("mail.smtps.ssl.checkserveridentity")).isEqualTo("true");
    assertThat(session.getProperty("mail.smtps.ssl.trust")).isNull();
    assertThat(session.getProperty("mail.smtps.timeout")).isEqualTo("20000");
  }

  @Test
  void aSenderThatCouldNeverSendStopsTheWorkerAtStart() {
    assertThatThrownBy(
            () ->
                new SmtpMailTransport(
                    new SmtpServer("smtp.example.com", 587, false, null, null),
                    new InternetAddress("Atrium <no-reply@localhost>")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MAIL_FROM");
  }
}
