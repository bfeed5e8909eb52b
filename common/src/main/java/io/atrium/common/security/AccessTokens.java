package io.atrium.common.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.atrium.common.config.JwtConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens: HS256 JWTs with a {@code kid} naming the key, type {@code at+jwt} (RFC 9068) so
 * that nothing else signed with the key passes as one, and {@code iss}, {@code aud}, {@code exp}
 * required. The first key of {@link JwtConfig} signs; it and the previous ones verify.
 */
@Singleton
public final class AccessTokens {
  public static final String ISSUER = "atrium";
  public static final String AUDIENCE = "atrium-api";
  static final String TYPE = "at+jwt";
  private static final long LEEWAY_SECONDS = 5;
  private static final long VERIFIED_CACHE_SIZE = 50_000;

  private final Clock clock;
  private final long ttlSeconds;
  private final String signingKid;
  private final Map<String, JWTVerifier> verifiers = new LinkedHashMap<>();
  private final Algorithm signing;

  /**
   * Verified tokens by their exact text. Only a token whose signature verified gets in, so the
   * bound holds however many forged ones arrive; expired entries are refused by their own expiry
   * and fall out after the longest lifetime a token can have.
   */
  private final Cache<String, Verified> verified;

  @Inject
  public AccessTokens(JwtConfig config, Clock clock) {
    this.clock = clock;
    this.ttlSeconds = config.accessTokenTtl().toSeconds();
    this.signing = Algorithm.HMAC256(config.secret().getBytes(StandardCharsets.UTF_8));
    this.signingKid = keyId(config.secret());
    addVerifier(config.secret());
    config.previousSecrets().forEach(this::addVerifier);
    this.verified =
        Caffeine.newBuilder()
            .maximumSize(VERIFIED_CACHE_SIZE)
            .expireAfterWrite(config.accessTokenTtl().plusSeconds(LEEWAY_SECONDS))
            .build();
  }

  private void addVerifier(String secret) {
    JWTVerifier verifier =
        ((JWTVerifier.BaseVerification)
                JWT.require(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)))
                    .withIssuer(ISSUER)
                    .withAudience(AUDIENCE)
                    .withClaimPresence("exp")
                    .withClaimPresence("sub")
                    .withClaimPresence("sid")
                    .acceptLeeway(LEEWAY_SECONDS))
            .build(clock);
    verifiers.putIfAbsent(keyId(secret), verifier);
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  public String issue(AccessClaims claims) {
    Instant now = clock.instant();
    return JWT.create()
        .withKeyId(signingKid)
        .withHeader(Map.of("typ", TYPE))
        .withIssuer(ISSUER)
        .withAudience(AUDIENCE)
        .withSubject(claims.userId().toString())
        .withClaim("sid", claims.sessionId().toString())
        .withClaim(
            "org", claims.organizationId() == null ? null : claims.organizationId().toString())
        .withClaim("org_role", claims.organizationRole())
        .withClaim("platform_role", claims.platformRole())
        .withIssuedAt(now)
        .withExpiresAt(now.plusSeconds(ttlSeconds))
        .sign(signing);
  }

  /**
   * The claims of a valid access token; empty for anything else, whatever is wrong with it. A token
   * whose signature and claims were verified is remembered until it expires (a client sends the
   * same token with every request for its whole life), so that decoding it is paid once; its
   * session is still checked against the database on every request.
   */
  public Optional<AccessClaims> verify(String token) {
    Verified known = verified.getIfPresent(token);
    if (known != null) {
      return clock.instant().isBefore(known.acceptedUntil())
          ? Optional.of(known.claims())
          : Optional.empty();
    }
    Optional<Verified> fresh = decode(token);
    fresh.ifPresent(entry -> verified.put(token, entry));
    return fresh.map(Verified::claims);
  }

  private Optional<Verified> decode(String token) {
    try {
      DecodedJWT unverified = JWT.decode(token);
      JWTVerifier verifier =
          unverified.getKeyId() == null ? null : verifiers.get(unverified.getKeyId());
      if (verifier == null || !TYPE.equals(unverified.getType())) {
        return Optional.empty();
      }
      DecodedJWT jwt = verifier.verify(unverified);
      String org = jwt.getClaim("org").asString();
      return Optional.of(
          new Verified(
              new AccessClaims(
                  UUID.fromString(jwt.getSubject()),
                  UUID.fromString(jwt.getClaim("sid").asString()),
                  org == null ? null : UUID.fromString(org),
                  jwt.getClaim("org_role").asString(),
                  jwt.getClaim("platform_role").asString()),
              jwt.getExpiresAtAsInstant().plusSeconds(LEEWAY_SECONDS)));
    } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** Claims of a verified token, and the instant from which its expiry refuses it. */
  private record Verified(AccessClaims claims, Instant acceptedUntil) {}

  static String keyId(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("atrium-kid:" + secret).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What an access token says. The organization role is informative only: requests re-read it. */
  public record AccessClaims(
      UUID userId,
      UUID sessionId,
      UUID organizationId,
      String organizationRole,
      String platformRole) {}
}
