package io.atrium.common.error;

import java.time.Duration;

/** Too many attempts; the caller may retry after {@link #retryAfter()}. */
public final class RateLimitedException extends AtriumException {
  private final Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    super("rate_limited", "Too many requests; retry later.");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
