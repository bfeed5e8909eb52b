package io.atrium.common.account;

import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.BadRequestException;
import io.atrium.common.error.UnauthorizedException;
import io.atrium.common.ratelimit.RateLimiter;
import io.atrium.common.ratelimit.RateLimiter.RateLimit;
import io.atrium.common.ratelimit.RateLimits;
import io.atrium.common.security.PasswordHasher;
import io.atrium.common.security.SecureTokens;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Password change and reset, and email verification. */
public final class CredentialService {
  private final UnitOfWork work;
  private final PasswordHasher hasher;
  private final AccountMails mails;
  private final AuditLog audit;
  private final RateLimiter rateLimiter;
  private final RateLimits limits;
  private final LoginThrottle throttle;
  private final Clock clock;

  @Inject
  public CredentialService(
      UnitOfWork work,
      PasswordHasher hasher,
      AccountMails mails,
      AuditLog audit,
      RateLimiter rateLimiter,
      RateLimits limits,
      LoginThrottle throttle,
      Clock clock) {
    this.work = work;
    this.hasher = hasher;
    this.mails = mails;
    this.audit = audit;
    this.rateLimiter = rateLimiter;
    this.limits = limits;
    this.throttle = throttle;
    this.clock = clock;
  }

  public void changePassword(
      Caller caller, String current, String replacement, RequestOrigin origin) {
    User user = work.withHandle(h -> h.attach(UserDao.class).find(caller.userId())).orElseThrow();
    // A wrong current password is a failed login of the account: the same brake applies.
    String address = String.valueOf(origin.ip());
    throttle.requireAllowed(user.email(), address);
    if (current == null || !hasher.verify(current, user.passwordHash()).matches()) {
      throttle.recordFailure(user.email(), address);
      throw new UnauthorizedException("invalid_credentials", "The current password is wrong.");
    }
    throttle.clear(user.email(), address);
    AccountRules.requirePassword("new_password", replacement, user.email(), user.displayName());
    String hash = hasher.hash(replacement);
    work.useTransaction(
        handle -> {
          Instant now = clock.instant();
          handle.attach(UserDao.class).updatePassword(user.id(), hash, now);
          List<UUID> revoked =
              handle
                  .attach(SessionDao.class)
                  .revokeAllBut(user.id(), caller.sessionId(), now, "password_changed");
          handle
              .attach(UserTokenDao.class)
              .invalidateOpen(user.id(), UserTokenDao.RESET_PASSWORD, now);
          mails.sendSecurityAlert(handle, user, "Your password was changed.", origin);
          audit.record(
              handle,
              AuditEvent.of("user.password_changed", user.id(), origin)
                  .target("user", user.id())
                  .details(Map.of("sessions_revoked", revoked.size())));
        });
  }

  /** For the signed-in user; already verified accounts get no email. */
  public void sendVerification(Caller caller, RequestOrigin origin) {
    User user = work.withHandle(h -> h.attach(UserDao.class).find(caller.userId())).orElseThrow();
    requireMailLimits(limits.verificationEmailsPerRecipient(), user.email(), origin);
    if (!user.emailVerified()) {
      work.useTransaction(handle -> mails.sendVerification(handle, user));
    }
  }

  /** Public: the answer is the same whether or not the email has an account. */
  public void resendVerification(String rawEmail, RequestOrigin origin) {
    String email = AccountRules.requireEmail("email", rawEmail);
    requireMailLimits(limits.verificationEmailsPerRecipient(), email, origin);
    Optional<User> user = work.withHandle(h -> h.attach(UserDao.class).findByEmail(email));
    if (user.isPresent() && !user.get().emailVerified() && !user.get().disabled()) {
      work.useTransaction(handle -> mails.sendVerification(handle, user.get()));
    }
  }

  public User verifyEmail(String token, RequestOrigin origin) {
    UUID userId = consume(token, UserTokenDao.VERIFY_EMAIL);
    return work.inTransaction(
        handle -> {
          UserDao users = handle.attach(UserDao.class);
          users.markEmailVerified(userId, clock.instant());
          audit.record(
              handle, AuditEvent.of("user.email_verified", userId, origin).target("user", userId));
          return users.find(userId).orElseThrow();
        });
  }

  /** Public: the same answer for every email. A new request invalidates older reset links. */
  public void forgotPassword(String rawEmail, RequestOrigin origin) {
    String email = AccountRules.requireEmail("email", rawEmail);
    String address = String.valueOf(origin.ip());
    rateLimiter.consume(limits.accountEmailsPerAddress(), address);
    if (!rateLimiter.tryConsume(limits.resetEmailsPerRecipient(), email)) {
      // The recipient's resets were used up, maybe by others: each address still gets one.
      rateLimiter.consume(limits.resetEmailsPerRecipientAndAddress(), email + "|" + address);
    }
    Optional<User> user = work.withHandle(h -> h.attach(UserDao.class).findByEmail(email));
    if (user.isPresent() && !user.get().disabled()) {
      work.useTransaction(
          handle -> {
            handle
                .attach(UserTokenDao.class)
                .invalidateOpen(user.get().id(), UserTokenDao.RESET_PASSWORD, clock.instant());
            mails.sendPasswordReset(handle, user.get());
            audit.record(
                handle,
                AuditEvent.of("user.password_reset_requested", user.get().id(), origin)
                    .target("user", user.get().id()));
          });
    }
  }

  /**
   * The link's account is looked up before anything costly, so a made-up token costs one lookup;
   * the strength check then knows the account's email and name. Clears every failed-login count of
   * the account: the mailbox's owner is back in, whoever failed logins elsewhere.
   */
  public void resetPassword(String token, String replacement, RequestOrigin origin) {
    if (!SecureTokens.wellFormed(token)) {
      throw invalidToken();
    }
    byte[] tokenHash = SecureTokens.hash(token);
    User owner =
        work.withHandle(
                handle ->
                    handle
                        .attach(UserTokenDao.class)
                        .findOpen(tokenHash, UserTokenDao.RESET_PASSWORD, clock.instant())
                        .flatMap(id -> handle.attach(UserDao.class).find(id)))
            .orElseThrow(CredentialService::invalidToken);
    AccountRules.requirePassword("new_password", replacement, owner.email(), owner.displayName());
    String hash = hasher.hash(replacement);
    User user =
        work.inTransaction(
            handle -> {
              Instant now = clock.instant();
              UUID userId =
                  handle
                      .attach(UserTokenDao.class)
                      .consume(tokenHash, UserTokenDao.RESET_PASSWORD, now)
                      .orElseThrow(CredentialService::invalidToken);
              User locked = handle.attach(UserDao.class).lock(userId).orElseThrow();
              handle.attach(UserDao.class).updatePassword(userId, hash, now);
              // The link proved the mailbox.
              handle.attach(UserDao.class).markEmailVerified(userId, now);
              List<UUID> revoked =
                  handle.attach(SessionDao.class).revokeAllBut(userId, null, now, "password_reset");
              mails.sendSecurityAlert(handle, locked, "Your password was reset.", origin);
              audit.record(
                  handle,
                  AuditEvent.of("user.password_reset", userId, origin)
                      .target("user", userId)
                      .details(Map.of("sessions_revoked", revoked.size())));
              return locked;
            });
    throttle.clearAll(user.email());
  }

  private UUID consume(String token, String purpose) {
    if (!SecureTokens.wellFormed(token)) {
      throw invalidToken();
    }
    return work.inTransaction(
        handle ->
            handle
                .attach(UserTokenDao.class)
                .consume(SecureTokens.hash(token), purpose, clock.instant())
                .orElseThrow(CredentialService::invalidToken));
  }

  /**
   * 429 past the limits. The per-email bucket is spent whether or not the account exists, so the
   * answer tells nothing about which emails have one; each flow has its own per-email bucket, so
   * verification requests, anonymous or not, never use up the password reset's.
   */
  private void requireMailLimits(RateLimit perRecipient, String email, RequestOrigin origin) {
    rateLimiter.consume(limits.accountEmailsPerAddress(), String.valueOf(origin.ip()));
    rateLimiter.consume(perRecipient, email);
  }

  private static BadRequestException invalidToken() {
    return new BadRequestException("invalid_token", "The link is invalid, used or expired.");
  }
}
