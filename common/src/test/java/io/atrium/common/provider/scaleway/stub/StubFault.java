package io.atrium.common.provider.scaleway.stub;

import java.time.Duration;
import java.util.Optional;

/** What the stub does instead of (or besides) answering a call normally. */
public sealed interface StubFault {
  /**
   * Answers {@code status} with Scaleway's body for it (401 {@code denied_authentication}, 403
   * {@code permissions_denied}, 404 {@code not_found}, 409 {@code transient_state}, 400 {@code
   * invalid_request_error}, 5xx an HTML page as a gateway sends) and changes nothing.
   */
  record Status(int status) implements StubFault {}

  /** 429, with {@code Retry-After: <seconds>} when given; changes nothing. */
  record RateLimited(Optional<Duration> retryAfter) implements StubFault {}

  /** Waits, then handles the call normally: a slow provider, or a time-out for the client. */
  record Delay(Duration delay) implements StubFault {}

  /** Handles the call (it takes effect), then answers {@code status} instead of the real answer. */
  record ProcessedThenStatus(int status) implements StubFault {}

  /** Handles the call (it takes effect), then waits before answering: a time-out after the fact. */
  record ProcessedThenDelay(Duration delay) implements StubFault {}

  static StubFault status(int status) {
    return new Status(status);
  }

  static StubFault rateLimited(Duration retryAfter) {
    return new RateLimited(Optional.of(retryAfter));
  }

  static StubFault rateLimitedWithoutRetryAfter() {
    return new RateLimited(Optional.empty());
  }

  static StubFault delay(Duration delay) {
    return new Delay(delay);
  }

  static StubFault processedThenStatus(int status) {
    return new ProcessedThenStatus(status);
  }

  static StubFault processedThenDelay(Duration delay) {
    return new ProcessedThenDelay(delay);
  }
}
