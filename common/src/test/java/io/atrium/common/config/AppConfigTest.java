package io.atrium.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir Path var;

  private AppConfig load(Map<String, String> env) {
    return AppConfig.load(env, new DevFiles(var));
  }

  private Map<String, String> production(String... pairs) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "DATABASE_URL",
                "postgres://u:p@db:5433/app",
                "JWT_SECRET",
                SECRET,
                "CREDENTIALS_ENCRYPTION_KEY",
                KEY));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    if (!env.containsKey("SMTP_URL")) {
      env.putIfAbsent("MAIL_TRANSPORT", "file");
    }
    return env;
  }

  @Test
  void defaultsAreTheContracts() {
    AppConfig config = load(production());
    assertThat(config.production()).isTrue();
    assertThat(config.http().port()).isEqualTo(7070);
    assertThat(config.http().frontendUrl()).hasToString("http://localhost:3000");
    assertThat(config.http().allowedOrigins()).containsExactly("http://localhost:3000");
    assertThat(config.http().trustProxy()).isFalse();
    assertThat(config.jwt().accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.jwt().refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(config.jwt().previousSecrets()).isEmpty();
    assertThat(config.mail().smtp()).isEmpty();
    assertThat(config.mail().from()).isEqualTo("Atrium <no-reply@localhost>");
    assertThat(config.mail().outbox()).isEqualTo(var.resolve("mail"));
    assertThat(config.database().poolSize()).isEqualTo(10);
    assertThat(config.worker().concurrency()).isEqualTo(4);
    assertThat(config.notifications().orgDailyEmailCap()).isEqualTo(2000);
    assertThat(config.provider().scalewayApiUrl()).hasToString("https://api.scaleway.com");
    assertThat(config.provider().scalewayZones())
        .containsExactly("fr-par-1", "fr-par-2", "nl-ams-1", "pl-waw-1");
    assertThat(config.provider().instanceStartupTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.provider().orphanGrace()).isEqualTo(Duration.ofHours(1));
    assertThat(config.logFormat()).isEqualTo("json");
    assertThat(config.platformAdmin().email()).isEmpty();
  }

  @Test
  void everyVariableMapsToItsField() {
    AppConfig config =
        load(
            production(
                "PORT",
                "8080",
                "FRONTEND_URL",
                "https://app.example.com/",
                "CORS_ORIGINS",
                "https://a.example, https://b.example",
                "TRUST_PROXY",
                "true",
                "JWT_PREVIOUS_SECRETS",
                SECRET + "x," + SECRET + "y",
                "ACCESS_TOKEN_TTL",
                "PT5M",
                "REFRESH_TOKEN_TTL",
                "P7D",
                "SMTP_URL",
                "smtps://mailer%40x:p%3Ass@smtp.example:2465",
                "MAIL_FROM",
                "Ops <ops@example.com>",
                "PLATFORM_ADMIN_EMAIL",
                "Admin@Example.com",
                "PLATFORM_ADMIN_PASSWORD",
                "an admin password",
                "SCALEWAY_API_URL",
                "http://127.0.0.1:9999",
                "WORKER_CONCURRENCY",
                "8",
                "DATABASE_POOL_SIZE",
                "25",
                "LOG_FORMAT",
                "text",
                "ORG_DAILY_EMAIL_CAP",
                "50",
                "SCALEWAY_SECRET_KEY",
                "scw-secret",
                "SCALEWAY_PROJECT_ID",
                "project",
                "SCALEWAY_ZONES",
                "fr-par-1,nl-ams-1",
                "INSTANCE_STARTUP_TIMEOUT",
                "PT30M",
                "ORPHAN_GRACE",
                "PT2H"));
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().allowedOrigins())
        .containsExactly("https://app.example.com", "https://a.example", "https://b.example");
    assertThat(config.http().trustProxy()).isTrue();
    assertThat(config.jwt().previousSecrets()).hasSize(2);
    assertThat(config.jwt().accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.jwt().refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
    MailConfig.SmtpServer smtp = config.mail().smtp().orElseThrow();
    assertThat(smtp.host()).isEqualTo("smtp.example");
    assertThat(smtp.port()).isEqualTo(2465);
    assertThat(smtp.implicitTls()).isTrue();
    assertThat(smtp.username()).isEqualTo("mailer@x");
    assertThat(smtp.password()).isEqualTo("p:ss");
    assertThat(config.mail().from()).isEqualTo("Ops <ops@example.com>");
    assertThat(config.platformAdmin().email()).contains("admin@example.com");
    assertThat(config.worker().concurrency()).isEqualTo(8);
    assertThat(config.database().poolSize()).isEqualTo(25);
    assertThat(config.logFormat()).isEqualTo("text");
    assertThat(config.notifications().orgDailyEmailCap()).isEqualTo(50);
    assertThat(config.provider().scalewayZones()).containsExactly("fr-par-1", "nl-ams-1");
    assertThat(config.provider().scalewaySecretKey()).contains("scw-secret");
    assertThat(config.provider().instanceStartupTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.provider().orphanGrace()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void herokuAndJdbcDatabaseUrlsAreBothAccepted() {
    DatabaseConfig heroku =
        load(production(
                "DATABASE_URL", "postgres://user:p%40ss@db.example:6543/name?sslmode=require"))
            .database();
    assertThat(heroku.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example:6543/name?sslmode=require");
    assertThat(heroku.username()).isEqualTo("user");
    assertThat(heroku.password()).isEqualTo("p@ss");
    assertThat(heroku.toString()).doesNotContain("p@ss");
    DatabaseConfig defaultPort =
        load(production("DATABASE_URL", "postgresql://u@db/name")).database();
    assertThat(defaultPort.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/name");
    DatabaseConfig jdbc =
        load(production("DATABASE_URL", "jdbc:postgresql://h/db?user=x")).database();
    assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?user=x");
  }

  @Test
  void productionRefusesToStartWithoutItsSecretsNamingTheVariable() {
    Map<String, String> noJwt = production();
    noJwt.remove("JWT_SECRET");
    assertThatThrownBy(() -> load(noJwt))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("JWT_SECRET:");
    Map<String, String> noKey = production();
    noKey.remove("CREDENTIALS_ENCRYPTION_KEY");
    assertThatThrownBy(() -> load(noKey)).hasMessageStartingWith("CREDENTIALS_ENCRYPTION_KEY:");
    Map<String, String> smtpOnly = new HashMap<>(Map.of("SMTP_URL", "smtp://mail:25"));
    new DevFiles(var).writeDatabaseUrl("jdbc:postgresql://localhost/dev");
    assertThatThrownBy(() -> load(smtpOnly)).hasMessageStartingWith("JWT_SECRET:");
    assertThatThrownBy(() -> load(Map.of("ATRIUM_ENV", "production")))
        .hasMessageStartingWith("JWT_SECRET:");
  }

  @Test
  void developmentModeKeepsGeneratedSecretsUnderVar() throws Exception {
    new DevFiles(var).writeDatabaseUrl("jdbc:postgresql://127.0.0.1:54329/atrium?user=postgres");
    AppConfig first = load(Map.of());
    AppConfig second = load(Map.of());
    assertThat(first.production()).isFalse();
    assertThat(first.jwt().secret())
        .isEqualTo(second.jwt().secret())
        .hasSizeGreaterThanOrEqualTo(32);
    assertThat(first.secrets().credentialsEncryptionKey())
        .isEqualTo(second.secrets().credentialsEncryptionKey())
        .hasSize(32);
    assertThat(Files.readString(var.resolve(DevFiles.JWT_SECRET_FILE)).trim())
        .isEqualTo(first.jwt().secret());
    assertThat(first.database().jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:54329/atrium");
  }

  @Test
  void sendingThroughSmtpNeedsARealSender() {
    assertThatThrownBy(() -> load(production("SMTP_URL", "smtp://mail.example:25")))
        .hasMessageStartingWith("MAIL_FROM:");
    assertThat(
            load(production(
                    "SMTP_URL",
                    "smtp://mail.example:25",
                    "MAIL_FROM",
                    "Atrium <no-reply@atrium.example>"))
                .mail()
                .from())
        .isEqualTo("Atrium <no-reply@atrium.example>");
    assertThat(
            load(production(
                    "SMTP_URL", "smtp://mail.example:25", "MAIL_FROM", "ops@atrium.example"))
                .mail()
                .smtp())
        .isPresent();
  }

  @Test
  void productionModeRefusesToWriteMailToFilesUnlessToldSo() {
    Map<String, String> noSmtp = production();
    noSmtp.remove("MAIL_TRANSPORT");
    assertThatThrownBy(() -> load(noSmtp))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SMTP_URL: must be set in production mode")
        .hasMessageContaining("MAIL_TRANSPORT=file")
        .hasMessageNotContaining("\n");
    assertThat(load(production("MAIL_TRANSPORT", "file")).mail().smtp()).isEmpty();
    assertThat(
            load(production(
                    "MAIL_TRANSPORT",
                    "FILE",
                    "SMTP_URL",
                    "smtp://mail.example:25",
                    "MAIL_FROM",
                    "ops@atrium.example"))
                .mail()
                .smtp())
        .isEmpty();
    Map<String, String> smtpWithoutUrl = production("MAIL_TRANSPORT", "smtp");
    assertThatThrownBy(() -> load(smtpWithoutUrl)).hasMessageStartingWith("SMTP_URL:");
    assertThatThrownBy(() -> load(production("MAIL_TRANSPORT", "pigeon")))
        .hasMessageStartingWith("MAIL_TRANSPORT:");
    new DevFiles(var).writeDatabaseUrl("jdbc:postgresql://localhost/dev");
    assertThat(load(Map.of()).mail().smtp()).isEmpty();
  }

  @Test
  void withoutADatabaseDevelopmentModeSaysHowToGetOne() {
    assertThatThrownBy(() -> load(Map.of()))
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("scripts/run");
  }

  @Test
  void badValuesAreOneLineErrorsNamingTheVariable() {
    Map<String, String> cases = new HashMap<>();
    cases.put("PORT", "seventy");
    cases.put("JWT_SECRET", "short");
    cases.put("JWT_PREVIOUS_SECRETS", "short");
    cases.put("ACCESS_TOKEN_TTL", "15 minutes");
    cases.put("REFRESH_TOKEN_TTL", "-P1D");
    cases.put("CREDENTIALS_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[16]));
    cases.put("SMTP_URL", "http://mail");
    cases.put("FRONTEND_URL", "localhost:3000");
    cases.put("TRUST_PROXY", "maybe");
    cases.put("LOG_FORMAT", "xml");
    cases.put("WORKER_CONCURRENCY", "0");
    cases.put("DATABASE_POOL_SIZE", "-1");
    cases.put("DATABASE_URL", "mysql://db/x");
    for (Map.Entry<String, String> bad : cases.entrySet()) {
      Map<String, String> env = production(bad.getKey(), bad.getValue());
      assertThatThrownBy(() -> load(env))
          .as(bad.getKey())
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(bad.getKey() + ":")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void metricsAreClosedInProductionAndPushedOnlyWhenAnEndpointIsSet() {
    MetricsConfig metrics = load(production()).metrics();
    assertThat(metrics.scrapeOpen()).isFalse();
    assertThat(metrics.scrapeToken()).isEmpty();
    assertThat(metrics.workerPort()).isEmpty();
    assertThat(metrics.otlp()).isEmpty();

    MetricsConfig set =
        load(production(
                "METRICS_TOKEN", "a-token-of-24-characters",
                "WORKER_METRICS_PORT", "9464",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "https://otlp.example.com:4318/",
                "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Basic%20abc, x-scope = tenant-1"))
            .metrics();
    assertThat(set.scrapeToken()).contains("a-token-of-24-characters");
    assertThat(set.workerPort()).hasValue(9464);
    MetricsConfig.OtlpExport otlp = set.otlp().orElseThrow();
    assertThat(otlp.metricsUrl()).hasToString("https://otlp.example.com:4318/v1/metrics");
    assertThat(otlp.headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("authorization", "Basic abc", "x-scope", "tenant-1"));
    assertThat(otlp.interval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void metricsSettingsThatCannotWorkStopTheStart() {
    assertThatThrownBy(() -> load(production("METRICS_TOKEN", "short")))
        .hasMessageContaining("METRICS_TOKEN");
    assertThatThrownBy(() -> load(production("WORKER_METRICS_PORT", "70000")))
        .hasMessageContaining("WORKER_METRICS_PORT");
    assertThatThrownBy(() -> load(production("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318")))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThatThrownBy(
            () ->
                load(
                    production(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://collector:4318",
                        "OTEL_EXPORTER_OTLP_HEADERS",
                        "no-equals-sign")))
        .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS");
  }
}
