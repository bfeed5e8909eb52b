package io.atrium.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.atrium.common.config.MailConfig;
import io.atrium.common.config.MailConfig.SmtpServer;
import io.atrium.common.config.SecretsConfig;
import io.atrium.common.config.WorkerConfig;
import io.atrium.common.db.Database;
import io.atrium.common.json.Json;
import io.atrium.worker.engine.JobHandler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MailWorkerModuleTest {
  private static Injector injector(Optional<SmtpServer> smtp) {
    MailConfig config =
        new MailConfig(
            smtp,
            "Atrium <no-reply@atrium.test>",
            URI.create("http://localhost:3000"),
            Path.of("var", "mail"));
    return Guice.createInjector(
        new MailWorkerModule(),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(MailConfig.class).toInstance(config);
            bind(WorkerConfig.class).toInstance(new WorkerConfig(4));
            bind(SecretsConfig.class).toInstance(new SecretsConfig(new byte[32]));
            bind(Clock.class).toInstance(Clock.systemUTC());
            bind(ObjectMapper.class).toInstance(Json.newMapper());
            // Never connects: nothing here runs a statement.
            bind(Jdbi.class)
                .toInstance(Database.configure(Jdbi.create("jdbc:postgresql://127.0.0.1:9/none")));
          }
        });
  }

  @Test
  void mailSendIsHandledByTheMailSendHandler() {
    Map<String, JobHandler> handlers =
        injector(Optional.empty())
            .getInstance(Key.get(new TypeLiteral<Map<String, JobHandler>>() {}));

    assertThat(handlers).containsOnlyKeys("mail.send");
    assertThat(handlers.get("mail.send")).isInstanceOf(MailSendHandler.class);
  }

  @Test
  void withoutSmtpUrlMailGoesToFilesAndWithOneToTheServer() {
    assertThat(injector(Optional.empty()).getInstance(MailTransport.class))
        .isInstanceOf(FileMailTransport.class);
    assertThat(
            injector(Optional.of(new SmtpServer("smtp.example.com", 587, false, null, null)))
                .getInstance(MailTransport.class))
        .isInstanceOf(SmtpMailTransport.class);
  }
}
