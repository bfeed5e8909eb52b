package io.atrium.common.metrics;

import io.atrium.common.config.MetricsConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Who may read a process's {@code /metrics}. With METRICS_TOKEN set, only a request bearing it;
 * without, the web's answers in development only (Heroku's router puts every route of {@code web}
 * on the internet) and the worker's always (WORKER_METRICS_PORT is opened on purpose). The token is
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}: in constant time, whatever the
 * length presented.
 */
public final class ScrapeAccess {
  public enum Decision {
    ALLOW,
    UNAUTHORIZED,
    /** Answered as if there were no such route. */
    HIDDEN
  }

  private final byte[] tokenDigest;
  private final boolean openWithoutToken;

  private ScrapeAccess(Optional<String> token, boolean openWithoutToken) {
    this.tokenDigest = token.map(ScrapeAccess::sha256).orElse(null);
    this.openWithoutToken = openWithoutToken;
  }

  public static ScrapeAccess forWeb(MetricsConfig config) {
    return new ScrapeAccess(config.scrapeToken(), !config.production());
  }

  public static ScrapeAccess forWorker(MetricsConfig config) {
    return new ScrapeAccess(config.scrapeToken(), true);
  }

  /** {@code authorization}: the request's Authorization header, or null. */
  public Decision decide(String authorization) {
    if (tokenDigest == null) {
      return openWithoutToken ? Decision.ALLOW : Decision.HIDDEN;
    }
    if (authorization == null
        || authorization.length() < 8
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Decision.UNAUTHORIZED;
    }
    byte[] presented = sha256(authorization.substring(7).trim());
    return MessageDigest.isEqual(presented, tokenDigest) ? Decision.ALLOW : Decision.UNAUTHORIZED;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
