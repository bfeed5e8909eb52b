package io.atrium.common.ratelimit;

import io.atrium.common.ratelimit.RateLimiter.RateLimit;
import java.time.Duration;

/**
 * The token-bucket limits of the account and sending routes, shared by every web process through
 * {@link RateLimiter}; tests bind their own. Failed logins of an account are not here: {@code
 * LoginThrottle} counts them per (account, address).
 *
 * <p>Account emails to one recipient have a bucket per flow, so that verification requests cannot
 * use up the password reset's share. And when others have used up a recipient's resets, each client
 * address still gets one reset an hour for that recipient: the account's owner, asking from their
 * own address, always gets a reset through at least once an hour.
 */
public record RateLimits(
    RateLimit loginFailuresPerAddress,
    RateLimit registrationsPerAddress,
    RateLimit verificationEmailsPerRecipient,
    RateLimit resetEmailsPerRecipient,
    RateLimit resetEmailsPerRecipientAndAddress,
    RateLimit accountEmailsPerAddress,
    RateLimit invitationsPerUnverifiedInviter,
    RateLimit invitationsPerInviter,
    RateLimit invitationsPerOrganization,
    RateLimit resendsPerInvitation) {

  public static RateLimits production() {
    Duration day = Duration.ofDays(1);
    return new RateLimits(
        new RateLimit("login-address", 100, Duration.ofMinutes(15)),
        new RateLimit("register-address", 20, Duration.ofHours(1)),
        new RateLimit("verification-mail-recipient", 3, Duration.ofHours(1)),
        new RateLimit("reset-mail-recipient", 3, Duration.ofHours(1)),
        new RateLimit("reset-mail-recipient-address", 1, Duration.ofHours(1)),
        new RateLimit("account-mail-address", 30, Duration.ofHours(1)),
        new RateLimit("invitations-unverified-inviter", 10, day),
        new RateLimit("invitations-inviter", 100, day),
        new RateLimit("invitations-organization", 500, day),
        new RateLimit("invitation-resends", 5, day));
  }
}
