package io.atrium.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where the database is: a JDBC URL with separate credentials, and the pool size. */
public record DatabaseConfig(String jdbcUrl, String username, String password, int poolSize) {

  @Override
  public String toString() {
    return "DatabaseConfig[jdbcUrl="
        + jdbcUrl
        + ", username="
        + username
        + ", poolSize="
        + poolSize
        + "]";
  }

  /**
   * Accepts Heroku's {@code postgres://user:pass@host:port/db?sslmode=require} (also {@code
   * postgresql://}) and plain {@code jdbc:postgresql:} URLs.
   */
  public static DatabaseConfig parse(String variable, String url, int poolSize) {
    if (url.startsWith("jdbc:postgresql:")) {
      return new DatabaseConfig(url, null, null, poolSize);
    }
    if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
      throw new ConfigException(
          variable, "must start with postgres://, postgresql:// or jdbc:postgresql:");
    }
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
        throw new ConfigException(variable, "must name a host and a database");
      }
      String username = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        username = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : null;
      }
      int port = uri.getPort() == -1 ? 5432 : uri.getPort();
      String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath();
      if (uri.getRawQuery() != null) {
        jdbcUrl += "?" + uri.getRawQuery();
      }
      return new DatabaseConfig(jdbcUrl, username, password, poolSize);
    } catch (URISyntaxException e) {
      throw new ConfigException(variable, "is not a valid URL: " + e.getReason());
    }
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
