package io.atrium.common.config;

import io.atrium.common.config.MailConfig.SmtpServer;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of Atrium, read once from the environment variables of the contract. Each process
 * passes on only the narrow records its classes need.
 */
public record AppConfig(
    boolean production,
    HttpConfig http,
    DatabaseConfig database,
    JwtConfig jwt,
    MailConfig mail,
    SecretsConfig secrets,
    PlatformAdminConfig platformAdmin,
    WorkerConfig worker,
    NotificationConfig notifications,
    ProviderConfig provider,
    MetricsConfig metrics,
    String logFormat) {

  public static final List<String> DEFAULT_SCALEWAY_ZONES =
      List.of("fr-par-1", "fr-par-2", "nl-ams-1", "pl-waw-1");

  /** Reads the process environment; {@code var/} under the working directory for dev files. */
  public static AppConfig fromEnvironment() {
    return load(System.getenv(), new DevFiles(Path.of(System.getProperty("atrium.var", "var"))));
  }

  public static AppConfig load(Map<String, String> variables, DevFiles devFiles) {
    Env env = new Env(variables);
    boolean production =
        env.optional("DATABASE_URL").isPresent()
            || env.optional("SMTP_URL").isPresent()
            || env.optional("ATRIUM_ENV").map("production"::equalsIgnoreCase).orElse(false);

    URI frontendUrl = env.httpUrl("FRONTEND_URL", "http://localhost:3000");
    HttpConfig http =
        new HttpConfig(
            env.integer("PORT", 7070, 0, 65535),
            frontendUrl,
            env.list("CORS_ORIGINS", List.of()),
            env.bool("TRUST_PROXY", false));

    int poolSize = env.integer("DATABASE_POOL_SIZE", 10, 1, 500);
    String databaseUrl =
        env.optional("DATABASE_URL")
            .or(devFiles::databaseUrl)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "DATABASE_URL",
                        "is not set and no development database is running under "
                            + devFiles.directory()
                            + " (scripts/run starts one)"));
    DatabaseConfig database = DatabaseConfig.parse("DATABASE_URL", databaseUrl, poolSize);

    String jwtSecret =
        requiredInProduction(env, production, "JWT_SECRET", devFiles, DevFiles.JWT_SECRET_FILE, 48);
    if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < JwtConfig.MIN_SECRET_BYTES) {
      throw new ConfigException("JWT_SECRET", "must be at least 32 bytes long");
    }
    List<String> previousSecrets = env.list("JWT_PREVIOUS_SECRETS", List.of());
    if (previousSecrets.stream()
        .anyMatch(s -> s.getBytes(StandardCharsets.UTF_8).length < JwtConfig.MIN_SECRET_BYTES)) {
      throw new ConfigException("JWT_PREVIOUS_SECRETS", "every key must be at least 32 bytes long");
    }
    JwtConfig jwt =
        new JwtConfig(
            jwtSecret,
            previousSecrets,
            env.duration("ACCESS_TOKEN_TTL", Duration.ofMinutes(15)),
            env.duration("REFRESH_TOKEN_TTL", Duration.ofDays(30)));

    String credentialsKey =
        requiredInProduction(
            env,
            production,
            "CREDENTIALS_ENCRYPTION_KEY",
            devFiles,
            DevFiles.CREDENTIALS_KEY_FILE,
            32);
    SecretsConfig secrets = decodeKeys(credentialsKey);

    Optional<SmtpServer> smtp = mailTransport(env, production);
    String from = env.string("MAIL_FROM", "Atrium <no-reply@localhost>");
    if (smtp.isPresent() && !deliverableSender(from)) {
      throw new ConfigException(
          "MAIL_FROM",
          "must be a real sender address when SMTP_URL is set, such as Atrium <no-reply@example.com> (got '"
              + from
              + "')");
    }
    MailConfig mail = new MailConfig(smtp, from, frontendUrl, devFiles.directory().resolve("mail"));

    PlatformAdminConfig platformAdmin =
        new PlatformAdminConfig(
            env.optional("PLATFORM_ADMIN_EMAIL").map(String::toLowerCase),
            env.optional("PLATFORM_ADMIN_PASSWORD"),
            env.optional("PLATFORM_ORGANIZATION_NAME"));
    if (platformAdmin.password().isPresent() && platformAdmin.email().isEmpty()) {
      throw new ConfigException("PLATFORM_ADMIN_PASSWORD", "is set without PLATFORM_ADMIN_EMAIL");
    }
    if (platformAdmin.organizationName().isPresent() && platformAdmin.email().isEmpty()) {
      throw new ConfigException(
          "PLATFORM_ORGANIZATION_NAME", "is set without PLATFORM_ADMIN_EMAIL (its owner)");
    }

    ProviderConfig provider =
        new ProviderConfig(
            env.httpUrl("SCALEWAY_API_URL", "https://api.scaleway.com"),
            env.optional("SCALEWAY_SECRET_KEY"),
            env.optional("SCALEWAY_PROJECT_ID"),
            env.list("SCALEWAY_ZONES", DEFAULT_SCALEWAY_ZONES),
            env.duration("INSTANCE_STARTUP_TIMEOUT", Duration.ofMinutes(15)),
            env.duration("ORPHAN_GRACE", Duration.ofHours(1)));

    String logFormat = env.string("LOG_FORMAT", "json").toLowerCase();
    if (!logFormat.equals("json") && !logFormat.equals("text")) {
      throw new ConfigException("LOG_FORMAT", "must be json or text, got '" + logFormat + "'");
    }

    return new AppConfig(
        production,
        http,
        database,
        jwt,
        mail,
        secrets,
        platformAdmin,
        new WorkerConfig(env.integer("WORKER_CONCURRENCY", 4, 1, 256)),
        new NotificationConfig(env.integer("ORG_DAILY_EMAIL_CAP", 2000, 0, 10_000_000)),
        provider,
        MetricsConfig.load(env, production),
        logFormat);
  }

  private static String requiredInProduction(
      Env env, boolean production, String name, DevFiles devFiles, String devFile, int devBytes) {
    Optional<String> value = env.optional(name);
    if (value.isPresent()) {
      return value.get();
    }
    if (production) {
      throw new ConfigException(
          name,
          "must be set in production mode (DATABASE_URL, SMTP_URL or ATRIUM_ENV=production is set)");
    }
    return devFiles.secret(devFile, devBytes);
  }

  /**
   * SMTP_URL's server, or empty for .eml files under var/mail. Production mode sends through SMTP
   * unless MAIL_TRANSPORT=file says otherwise: files on a dyno's disk are mail nobody reads.
   */
  private static Optional<SmtpServer> mailTransport(Env env, boolean production) {
    Optional<SmtpServer> smtp = env.optional("SMTP_URL").map(AppConfig::parseSmtpUrl);
    Optional<String> transport = env.optional("MAIL_TRANSPORT").map(String::toLowerCase);
    if (transport.isPresent()) {
      switch (transport.get()) {
        case "file" -> {
          return Optional.empty();
        }
        case "smtp" -> {
          if (smtp.isEmpty()) {
            throw new ConfigException("SMTP_URL", "must be set when MAIL_TRANSPORT=smtp");
          }
          return smtp;
        }
        default ->
            throw new ConfigException(
                "MAIL_TRANSPORT", "must be smtp or file, got '" + transport.get() + "'");
      }
    }
    if (production && smtp.isEmpty()) {
      throw new ConfigException(
          "SMTP_URL",
          "must be set in production mode (DATABASE_URL, SMTP_URL or ATRIUM_ENV=production is set);"
              + " MAIL_TRANSPORT=file writes mail to files instead");
    }
    return smtp;
  }

  /** One key, or during a rotation a comma-separated list, newest first. */
  private static SecretsConfig decodeKeys(String value) {
    List<byte[]> keys =
        Arrays.stream(value.split(",", -1)).map(String::trim).map(AppConfig::decodeKey).toList();
    if (keys.isEmpty()) {
      throw new ConfigException("CREDENTIALS_ENCRYPTION_KEY", "names no key");
    }
    return new SecretsConfig(keys.get(0), keys.subList(1, keys.size()));
  }

  private static byte[] decodeKey(String base64) {
    try {
      byte[] key = Base64.getDecoder().decode(base64);
      if (key.length != 32) {
        throw new ConfigException(
            "CREDENTIALS_ENCRYPTION_KEY",
            "must be the base64 of exactly 32 bytes, got " + key.length);
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("CREDENTIALS_ENCRYPTION_KEY", "is not valid base64");
    }
  }

  /** An address whose domain has a dot: SMTP servers refuse senders such as no-reply@localhost. */
  static boolean deliverableSender(String from) {
    int open = from.indexOf('<');
    String address =
        open >= 0 && from.endsWith(">") ? from.substring(open + 1, from.length() - 1) : from;
    int at = address.lastIndexOf('@');
    return at > 0
        && address.indexOf('.', at) > at + 1
        && !address.endsWith(".")
        && !address.contains(" ");
  }

  static SmtpServer parseSmtpUrl(String url) {
    try {
      URI uri = new URI(url);
      boolean implicitTls;
      if ("smtp".equals(uri.getScheme())) {
        implicitTls = false;
      } else if ("smtps".equals(uri.getScheme())) {
        implicitTls = true;
      } else {
        throw new ConfigException("SMTP_URL", "must start with smtp:// or smtps://");
      }
      if (uri.getHost() == null) {
        throw new ConfigException("SMTP_URL", "must name a host");
      }
      String username = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        username = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : implicitTls ? 465 : 587;
      return new SmtpServer(uri.getHost(), port, implicitTls, username, password);
    } catch (URISyntaxException e) {
      throw new ConfigException("SMTP_URL", "is not a valid URL: " + e.getReason());
    }
  }
}
