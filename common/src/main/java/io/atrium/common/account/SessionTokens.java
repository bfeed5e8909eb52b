package io.atrium.common.account;

import io.atrium.common.config.JwtConfig;
import io.atrium.common.security.AccessTokens;
import io.atrium.common.security.AccessTokens.AccessClaims;
import io.atrium.common.security.SecureTokens;
import io.atrium.common.security.ServerKeys;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Opens sessions and mints their tokens, inside the caller's transaction.
 *
 * <p>The successor of a spent refresh token is not random: it is the HMAC of the spent token under
 * a server key ({@value #SUCCESSOR_KEY}). So within the grace window a replayed token yields the
 * very same successor, recomputed, and a session never forks into two chains; and nothing but
 * hashes of refresh tokens is at rest (storing the successor to hand it out again would have put a
 * live token in the database, encrypted or not).
 */
public final class SessionTokens {
  static final String SUCCESSOR_KEY = "refresh-token-successor";

  private final AccessTokens accessTokens;
  private final SecureTokens secureTokens;
  private final ServerKeys keys;
  private final JwtConfig jwt;
  private final Clock clock;

  @Inject
  public SessionTokens(
      AccessTokens accessTokens,
      SecureTokens secureTokens,
      ServerKeys keys,
      JwtConfig jwt,
      Clock clock) {
    this.accessTokens = accessTokens;
    this.secureTokens = secureTokens;
    this.keys = keys;
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
    return store(
        handle, user, sessionId, organizationId, organizationRole, secureTokens.generate(32));
  }

  /**
   * Spends {@code spent} (locked by the caller, not yet spent) and stores its successor, the one
   * and only refresh token that follows it.
   */
  public AuthResult rotate(
      Handle handle,
      String spent,
      User user,
      UUID sessionId,
      UUID organizationId,
      String organizationRole) {
    String successor = successor(keys.current(SUCCESSOR_KEY), spent);
    handle
        .attach(RefreshTokenDao.class)
        .spend(SecureTokens.hash(spent), clock.instant(), SecureTokens.hash(successor));
    return store(handle, user, sessionId, organizationId, organizationRole, successor);
  }

  /**
   * The successor that {@code spent} was already replaced by, recomputed (under the current key or
   * a previous one, for a rotation inside the grace), with a new access token; empty when none of
   * the keys gives the recorded successor.
   */
  public Optional<AuthResult> again(
      String spent,
      byte[] successorHash,
      User user,
      UUID sessionId,
      UUID organizationId,
      String organizationRole) {
    if (successorHash == null) {
      return Optional.empty();
    }
    for (ServerKeys.Key key : keys.all(SUCCESSOR_KEY)) {
      String successor = successor(key, spent);
      if (MessageDigest.isEqual(SecureTokens.hash(successor), successorHash)) {
        return Optional.of(
            new AuthResult(
                user,
                sessionId,
                accessToken(user, sessionId, organizationId, organizationRole),
                successor,
                accessTokens.ttlSeconds()));
      }
    }
    return Optional.empty();
  }

  private static String successor(ServerKeys.Key key, String spent) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.sign(spent.getBytes(StandardCharsets.UTF_8)));
  }

  private AuthResult store(
      Handle handle,
      User user,
      UUID sessionId,
      UUID organizationId,
      String organizationRole,
      String refreshToken) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(jwt.refreshTokenTtl());
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
