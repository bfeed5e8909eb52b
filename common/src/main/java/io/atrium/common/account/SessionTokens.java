package io.atrium.common.account;

import io.atrium.common.config.JwtConfig;
import io.atrium.common.security.AccessTokens;
import io.atrium.common.security.AccessTokens.AccessClaims;
import io.atrium.common.security.SecureTokens;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Opens sessions and mints their tokens, inside the caller's transaction. */
public final class SessionTokens {
  private final AccessTokens accessTokens;
  private final SecureTokens secureTokens;
  private final JwtConfig jwt;
  private final Clock clock;

  @Inject
  public SessionTokens(
      AccessTokens accessTokens, SecureTokens secureTokens, JwtConfig jwt, Clock clock) {
    this.accessTokens = accessTokens;
    this.secureTokens = secureTokens;
    this.jwt = jwt;
    this.clock = clock;
  }

  public AuthResult open(
      Handle handle,
      User user,
      UUID organizationId,
      String organizationRole,
      String userAgent,
      String ip) {
    Instant now = clock.instant();
    Session session =
        new Session(
            UUID.randomUUID(),
            user.id(),
            organizationId,
            truncate(userAgent, 512),
            ip,
            now,
            now,
            now.plus(jwt.refreshTokenTtl()),
            null);
    handle.attach(SessionDao.class).insert(session);
    return mint(handle, user, session.id(), organizationId, organizationRole);
  }

  /** A new access token and a new refresh token of the session's family; slides its expiry. */
  public AuthResult mint(
      Handle handle, User user, UUID sessionId, UUID organizationId, String organizationRole) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(jwt.refreshTokenTtl());
    String refreshToken = secureTokens.generate(32);
    handle
        .attach(RefreshTokenDao.class)
        .insert(SecureTokens.hash(refreshToken), sessionId, now, expiresAt);
    handle.attach(SessionDao.class).extend(sessionId, expiresAt);
    return new AuthResult(
        user,
        sessionId,
        accessToken(user, sessionId, organizationId, organizationRole),
        refreshToken,
        accessTokens.ttlSeconds());
  }

  public String accessToken(
      User user, UUID sessionId, UUID organizationId, String organizationRole) {
    return accessTokens.issue(
        new AccessClaims(
            user.id(), sessionId, organizationId, organizationRole, user.platformRole()));
  }

  public long accessTokenTtlSeconds() {
    return accessTokens.ttlSeconds();
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
