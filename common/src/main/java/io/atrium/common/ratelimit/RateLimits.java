package io.atrium.common.ratelimit;

import io.atrium.common.ratelimit.RateLimiter.RateLimit;
import java.time.Duration;

/** The limits of the account routes; tests bind their own. */
public record RateLimits(
    RateLimit loginFailuresPerAccount,
    RateLimit loginFailuresPerAddress,
    RateLimit registrationsPerAddress,
    RateLimit accountEmailsPerRecipient,
    RateLimit accountEmailsPerAddress) {

  public static RateLimits production() {
    return new RateLimits(
        new RateLimit("login-account", 10, Duration.ofMinutes(15)),
        new RateLimit("login-address", 100, Duration.ofMinutes(15)),
        new RateLimit("register-address", 20, Duration.ofHours(1)),
        new RateLimit("account-mail-recipient", 5, Duration.ofHours(1)),
        new RateLimit("account-mail-address", 30, Duration.ofHours(1)));
  }
}
