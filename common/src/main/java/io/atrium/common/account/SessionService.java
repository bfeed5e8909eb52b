package io.atrium.common.account;

import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.security.AccessTokens.AccessClaims;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The live sessions of a user: the check behind every request, listing and revoking. */
public final class SessionService {
  private static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);

  private final UnitOfWork work;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public SessionService(UnitOfWork work, AuditLog audit, Clock clock) {
    this.work = work;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The caller behind verified access-token claims, if the session is still live and the user
   * active: one query, on the handle the request's own unit of work then uses (see {@link
   * UnitOfWork#withHandleKept}); a second, rare one keeps {@code last_seen_at} to the minute.
   */
  public Optional<Caller> authenticate(AccessClaims claims) {
    Instant now = clock.instant();
    return work.withHandleKept(
        handle -> {
          Optional<CallerDao.LiveSession> live =
              handle.attach(CallerDao.class).findLive(claims.sessionId(), now);
          if (live.isEmpty()) {
            return Optional.empty();
          }
          CallerDao.LiveSession session = live.get();
          if (!session.userId().equals(claims.userId()) || User.DISABLED.equals(session.status())) {
            return Optional.empty();
          }
          if (session.lastSeenAt().plus(LAST_SEEN_RESOLUTION).isBefore(now)) {
            handle.attach(SessionDao.class).touch(session.sessionId(), now);
          }
          boolean member = session.organizationRole() != null;
          return Optional.of(
              new Caller(
                  session.userId(),
                  session.sessionId(),
                  session.email(),
                  session.platformRole(),
                  member ? session.organizationId() : null,
                  session.organizationRole(),
                  member ? session.organizationStatus() : null,
                  null));
        });
  }

  public List<Session> list(Caller caller) {
    return work.withHandle(
        handle -> handle.attach(SessionDao.class).listLive(caller.userId(), clock.instant()));
  }

  public void revoke(Caller caller, UUID sessionId, RequestOrigin origin) {
    work.useTransaction(
        handle -> {
          if (!handle
              .attach(SessionDao.class)
              .revoke(sessionId, caller.userId(), clock.instant(), "revoked")) {
            throw new NotFoundException("No such session.");
          }
          audit.record(
              handle,
              AuditEvent.of("session.revoked", caller.userId(), origin)
                  .target("session", sessionId));
        });
  }

  public void revokeOthers(Caller caller, RequestOrigin origin) {
    work.useTransaction(
        handle -> {
          List<UUID> revoked =
              handle
                  .attach(SessionDao.class)
                  .revokeAllBut(caller.userId(), caller.sessionId(), clock.instant(), "revoked");
          audit.record(
              handle,
              AuditEvent.of("session.revoked_others", caller.userId(), origin)
                  .target("user", caller.userId())
                  .details(Map.of("sessions", revoked.size())));
        });
  }
}
