package io.atrium.common.account;

import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.db.DatabaseException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.security.AccessTokens.AccessClaims;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** The live sessions of a user: the check behind every request, listing and revoking. */
public final class SessionService {
  private static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);

  private final Jdbi jdbi;
  private final DataSource dataSource;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public SessionService(Jdbi jdbi, DataSource dataSource, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.dataSource = dataSource;
    this.audit = audit;
    this.clock = clock;
  }

  /** The caller of a request, and the profile the same query read. */
  public record Authenticated(Caller caller, UserService.Profile profile) {}

  /**
   * The caller behind verified access-token claims, if the session is still live and the user
   * active. One query, which also reads the user's profile; a second, rare one keeps {@code
   * last_seen_at} to the minute.
   */
  public Optional<Authenticated> authenticate(AccessClaims claims) {
    Instant now = clock.instant();
    Optional<CallerDao.LiveSession> live = findLive(claims.sessionId(), now);
    if (live.isEmpty()) {
      return Optional.empty();
    }
    CallerDao.LiveSession session = live.get();
    User user = session.profile().user();
    if (!user.id().equals(claims.userId()) || User.DISABLED.equals(user.status())) {
      return Optional.empty();
    }
    if (session.lastSeenAt().plus(LAST_SEEN_RESOLUTION).isBefore(now)) {
      jdbi.useHandle(handle -> handle.attach(SessionDao.class).touch(session.sessionId(), now));
    }
    Optional<UserService.CurrentOrganization> workspace = session.profile().currentOrganization();
    return Optional.of(
        new Authenticated(
            new Caller(
                user.id(),
                session.sessionId(),
                user.email(),
                user.platformRole(),
                workspace.map(UserService.CurrentOrganization::id).orElse(null),
                workspace.map(UserService.CurrentOrganization::role).orElse(null),
                workspace.isPresent() ? session.organizationStatus() : null,
                null),
            session.profile()));
  }

  public List<Session> list(Caller caller) {
    return jdbi.onDemand(SessionDao.class).listLive(caller.userId(), clock.instant());
  }

  public void revoke(Caller caller, UUID sessionId, RequestOrigin origin) {
    jdbi.useTransaction(
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
    jdbi.useTransaction(
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

  private Optional<CallerDao.LiveSession> findLive(UUID sessionId, Instant now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(CallerDao.FIND_LIVE)) {
      statement.setObject(1, sessionId);
      statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(liveSession(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DatabaseException("the session of a request could not be read", e);
    }
  }

  private static CallerDao.LiveSession liveSession(ResultSet rows) throws SQLException {
    return new CallerDao.LiveSession(
        rows.getObject("session_id", UUID.class),
        rows.getObject("last_seen_at", java.time.OffsetDateTime.class).toInstant(),
        rows.getString("organization_status"),
        UserService.profile(rows, rows.getString("organization_role")));
  }
}
