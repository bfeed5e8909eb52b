package io.atrium.common.account;

import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.db.UnitOfWork;
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
import org.jdbi.v3.core.Handle;

/** Sign-up, login, refresh and logout. Hashing always happens outside any transaction. */
public final class AccountService {
  /** Two tabs refreshing with one token within this window both get a working pair. */
  static final Duration REFRESH_GRACE = Duration.ofSeconds(10);

  private final UnitOfWork work;
  private final PasswordHasher hasher;
  private final SessionTokens sessionTokens;
  private final AccountMails mails;
  private final AuditLog audit;
  private final RateLimiter rateLimiter;
  private final RateLimits limits;
  private final LoginThrottle throttle;
  private final Clock clock;

  @Inject
  public AccountService(
      UnitOfWork work,
      PasswordHasher hasher,
      SessionTokens sessionTokens,
      AccountMails mails,
      AuditLog audit,
      RateLimiter rateLimiter,
      RateLimits limits,
      LoginThrottle throttle,
      Clock clock) {
    this.work = work;
    this.hasher = hasher;
    this.sessionTokens = sessionTokens;
    this.mails = mails;
    this.audit = audit;
    this.rateLimiter = rateLimiter;
    this.limits = limits;
    this.throttle = throttle;
    this.clock = clock;
  }

  public AuthResult register(
      String rawEmail, String password, String rawDisplayName, RequestOrigin origin) {
    String email = AccountRules.requireEmail("email", rawEmail);
    String displayName = AccountRules.displayName("display_name", rawDisplayName);
    // Before the strength estimate, which costs milliseconds of CPU.
    rateLimiter.consume(limits.registrationsPerAddress(), String.valueOf(origin.ip()));
    AccountRules.requirePassword("password", password, email, displayName);
    String hash = hasher.hash(password);
    Instant now = clock.instant();
    User user =
        new User(UUID.randomUUID(), email, displayName, hash, null, null, User.ACTIVE, now, now);
    return work.inTransaction(
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
    boolean hasEmail = email != null && !email.isEmpty();
    if (hasEmail) {
      throttle.requireAllowed(email, address);
    }
    Optional<User> found =
        !hasEmail || password == null
            ? Optional.empty()
            : work.withHandle(h -> h.attach(UserDao.class).findByEmail(email));
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
    throttle.clear(email, address);
    return work.inTransaction(
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
      throttle.recordFailure(email, String.valueOf(origin.ip()));
    }
    work.useTransaction(
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
    RefreshOutcome outcome =
        work.inTransaction(handle -> decideRefresh(handle, refreshToken, origin));
    if (outcome.reused()) {
      throw new UnauthorizedException(
          "refresh_token_reused", "This refresh token was already used; the session is revoked.");
    }
    return outcome.result();
  }

  /**
   * A live token is spent for its successor. A spent one within the grace yields that same
   * successor again (with a new access token), never a second one; past the grace it is reuse, and
   * the whole session is revoked.
   */
  private RefreshOutcome decideRefresh(Handle handle, String refreshToken, RequestOrigin origin) {
    Instant now = clock.instant();
    RefreshTokenDao.Presented token =
        handle
            .attach(RefreshTokenDao.class)
            .lock(SecureTokens.hash(refreshToken))
            .filter(t -> t.sessionRevokedAt() == null && t.sessionExpiresAt().isAfter(now))
            .filter(t -> t.expiresAt().isAfter(now))
            .orElseThrow(
                () ->
                    new UnauthorizedException(
                        "unauthorized", "The refresh token is invalid or expired."));
    if (User.DISABLED.equals(token.userStatus())) {
      throw new ForbiddenException("account_disabled", "This account is disabled.");
    }
    boolean replayed = token.spentAt() != null;
    if (replayed && token.spentAt().plus(REFRESH_GRACE).isBefore(now)) {
      return reused(handle, token, origin, now);
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
    UUID organizationId = role == null ? null : session.currentOrganizationId();
    if (!replayed) {
      return new RefreshOutcome(
          sessionTokens.rotate(handle, refreshToken, user, session.id(), organizationId, role),
          false);
    }
    return new RefreshOutcome(
        sessionTokens
            .again(refreshToken, token.successorHash(), user, session.id(), organizationId, role)
            .orElseThrow(
                () ->
                    new UnauthorizedException(
                        "unauthorized", "The refresh token is invalid or expired.")),
        false);
  }

  private RefreshOutcome reused(
      Handle handle, RefreshTokenDao.Presented token, RequestOrigin origin, Instant now) {
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

  private record RefreshOutcome(AuthResult result, boolean reused) {}

  public void logout(Caller caller, RequestOrigin origin) {
    work.useTransaction(
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
