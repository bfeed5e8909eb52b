package io.atrium.common.account;

import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.error.ConflictException;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.UnauthorizedException;
import io.atrium.common.ratelimit.RateLimiter;
import io.atrium.common.ratelimit.RateLimits;
import io.atrium.common.security.PasswordHasher;
import io.atrium.common.security.SecureTokens;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Sign-up, login, refresh and logout. Hashing always happens outside any transaction. */
public final class AccountService {
  /** Two tabs refreshing with one token within this window both get a working pair. */
  static final Duration REFRESH_GRACE = Duration.ofSeconds(10);

  private final Jdbi jdbi;
  private final PasswordHasher hasher;
  private final SessionTokens sessionTokens;
  private final AccountMails mails;
  private final AuditLog audit;
  private final RateLimiter rateLimiter;
  private final RateLimits limits;
  private final Clock clock;

  @Inject
  public AccountService(
      Jdbi jdbi,
      PasswordHasher hasher,
      SessionTokens sessionTokens,
      AccountMails mails,
      AuditLog audit,
      RateLimiter rateLimiter,
      RateLimits limits,
      Clock clock) {
    this.jdbi = jdbi;
    this.hasher = hasher;
    this.sessionTokens = sessionTokens;
    this.mails = mails;
    this.audit = audit;
    this.rateLimiter = rateLimiter;
    this.limits = limits;
    this.clock = clock;
  }

  public AuthResult register(
      String rawEmail, String password, String rawDisplayName, RequestOrigin origin) {
    String email = AccountRules.requireEmail("email", rawEmail);
    AccountRules.requirePassword("password", password, email);
    String displayName = AccountRules.displayName("display_name", rawDisplayName);
    rateLimiter.consume(limits.registrationsPerAddress(), String.valueOf(origin.ip()));
    String hash = hasher.hash(password);
    Instant now = clock.instant();
    User user =
        new User(UUID.randomUUID(), email, displayName, hash, null, null, User.ACTIVE, now, now);
    return jdbi.inTransaction(
        handle -> {
          if (!handle.attach(UserDao.class).insert(user)) {
            throw new ConflictException(
                "email_taken", "An account with this email already exists.");
          }
          AuthResult result =
              sessionTokens.open(handle, user, null, null, origin.userAgent(), origin.ip());
          mails.sendVerification(handle, user);
          audit.record(
              handle, AuditEvent.of("user.signed_up", user.id(), origin).target("user", user.id()));
          return result;
        });
  }

  public AuthResult login(String rawEmail, String password, RequestOrigin origin) {
    String email = AccountRules.requireEmail("email", rawEmail);
    String address = String.valueOf(origin.ip());
    rateLimiter.requireAvailable(limits.loginFailuresPerAddress(), address);
    if (email != null && !email.isEmpty()) {
      rateLimiter.requireAvailable(limits.loginFailuresPerAccount(), email);
    }
    Optional<User> found =
        email == null || password == null
            ? Optional.empty()
            : jdbi.onDemand(UserDao.class).findByEmail(email);
    boolean matches = false;
    boolean needsRehash = false;
    if (found.isPresent()) {
      PasswordHasher.Check check = hasher.verify(password, found.get().passwordHash());
      matches = check.matches();
      needsRehash = check.needsRehash();
    } else if (password != null) {
      hasher.verifyDecoy(password);
    }
    if (!matches) {
      failedLogin(email, found, origin);
      throw new UnauthorizedException("invalid_credentials", "The email or password is wrong.");
    }
    User user = found.get();
    if (user.disabled()) {
      throw new ForbiddenException("account_disabled", "This account is disabled.");
    }
    String rehash = needsRehash ? hasher.hash(password) : null;
    rateLimiter.reset(limits.loginFailuresPerAccount(), email);
    return jdbi.inTransaction(
        handle -> {
          if (rehash != null) {
            handle.attach(UserDao.class).updatePassword(user.id(), rehash, clock.instant());
          }
          AuthResult result =
              sessionTokens.open(handle, user, null, null, origin.userAgent(), origin.ip());
          audit.record(
              handle,
              AuditEvent.of("auth.login_succeeded", user.id(), origin)
                  .target("session", result.sessionId()));
          return result;
        });
  }

  private void failedLogin(String email, Optional<User> user, RequestOrigin origin) {
    rateLimiter.tryConsume(limits.loginFailuresPerAddress(), String.valueOf(origin.ip()));
    if (email != null && !email.isEmpty()) {
      rateLimiter.tryConsume(limits.loginFailuresPerAccount(), email);
    }
    jdbi.useTransaction(
        handle ->
            audit.record(
                handle,
                AuditEvent.of("auth.login_failed", user.map(User::id).orElse(null), origin)
                    .target("user", user.map(User::id).orElse(null))
                    .details(Map.of("email", email == null ? "" : email))));
  }

  public AuthResult refresh(String refreshToken, RequestOrigin origin) {
    if (!SecureTokens.wellFormed(refreshToken)) {
      throw new UnauthorizedException("unauthorized", "The refresh token is invalid.");
    }
    byte[] hash = SecureTokens.hash(refreshToken);
    RefreshOutcome outcome = jdbi.inTransaction(handle -> decideRefresh(handle, hash, origin));
    if (outcome.reused()) {
      throw new UnauthorizedException(
          "refresh_token_reused", "This refresh token was already used; the session is revoked.");
    }
    return outcome.result();
  }

  private RefreshOutcome decideRefresh(
      org.jdbi.v3.core.Handle handle, byte[] hash, RequestOrigin origin) {
    Instant now = clock.instant();
    RefreshTokenDao.Presented token =
        handle
            .attach(RefreshTokenDao.class)
            .lock(hash)
            .filter(t -> t.sessionRevokedAt() == null && t.sessionExpiresAt().isAfter(now))
            .filter(t -> t.expiresAt().isAfter(now))
            .orElseThrow(
                () ->
                    new UnauthorizedException(
                        "unauthorized", "The refresh token is invalid or expired."));
    if (User.DISABLED.equals(token.userStatus())) {
      throw new ForbiddenException("account_disabled", "This account is disabled.");
    }
    if (token.spentAt() != null && token.spentAt().plus(REFRESH_GRACE).isBefore(now)) {
      handle
          .attach(SessionDao.class)
          .revoke(token.sessionId(), token.userId(), now, "refresh_token_reused");
      User user = handle.attach(UserDao.class).find(token.userId()).orElseThrow();
      mails.sendSecurityAlert(
          handle, user, "A refresh token was used twice; the session was signed out.", origin);
      audit.record(
          handle,
          AuditEvent.of("auth.refresh_token_reused", token.userId(), origin)
              .target("session", token.sessionId()));
      return new RefreshOutcome(null, true);
    }
    if (token.spentAt() == null) {
      handle.attach(RefreshTokenDao.class).spend(hash, now);
    }
    User user = handle.attach(UserDao.class).find(token.userId()).orElseThrow();
    Session session =
        handle.attach(SessionDao.class).listLive(user.id(), now).stream()
            .filter(s -> s.id().equals(token.sessionId()))
            .findFirst()
            .orElseThrow(() -> new UnauthorizedException("unauthorized", "The session has ended."));
    String role =
        session.currentOrganizationId() == null
            ? null
            : handle
                .attach(CallerDao.class)
                .role(session.currentOrganizationId(), user.id())
                .orElse(null);
    return new RefreshOutcome(
        sessionTokens.mint(
            handle,
            user,
            session.id(),
            role == null ? null : session.currentOrganizationId(),
            role),
        false);
  }

  private record RefreshOutcome(AuthResult result, boolean reused) {}

  public void logout(Caller caller, RequestOrigin origin) {
    jdbi.useTransaction(
        handle -> {
          handle
              .attach(SessionDao.class)
              .revoke(caller.sessionId(), caller.userId(), clock.instant(), "logout");
          audit.record(
              handle,
              AuditEvent.of("auth.logout", caller.userId(), origin)
                  .target("session", caller.sessionId()));
        });
  }
}
