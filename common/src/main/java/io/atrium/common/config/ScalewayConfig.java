package io.atrium.common.config;

import java.net.URI;
import java.time.Duration;

/**
 * How Atrium's Scaleway client talks to {@code SCALEWAY_API_URL}: time-outs, and how long it may
 * spend retrying one call (429 and 5xx answers) before it reports the failure to its caller.
 *
 * @param connectTimeout to open a TCP (and TLS) connection
 * @param requestTimeout for one answer to arrive, per attempt
 * @param maxAttempts attempts of one call, the first included
 * @param retryBudget the total time one call may wait between its attempts; a {@code Retry-After}
 *     beyond what is left is not waited for: the call fails at once as rate-limited
 * @param firstBackoff the wait after the first 5xx or time-out, doubled after each further one
 */
public record ScalewayConfig(
    URI apiUrl,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration retryBudget,
    Duration firstBackoff) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(20);
  public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(500);

  public ScalewayConfig {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (apiUrl.getPath() != null && apiUrl.getPath().endsWith("/")) {
      String raw = apiUrl.toString();
      apiUrl = URI.create(raw.substring(0, raw.length() - 1));
    }
  }

  /** The defaults above for this base URL. */
  public static ScalewayConfig defaults(URI apiUrl) {
    return new ScalewayConfig(
        apiUrl,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_RETRY_BUDGET,
        DEFAULT_FIRST_BACKOFF);
  }
}
