package io.atrium.api.http;

import io.atrium.common.account.Caller;
import io.atrium.common.account.SessionService;
import io.atrium.common.apikey.ApiKeyFormat;
import io.atrium.common.apikey.ApiKeyService;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.UnauthorizedException;
import io.atrium.common.security.AccessTokens;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Runs before every matched route: checks the bearer credential the route's {@link Access} demands
 * and leaves the {@link Caller} on the context for the handler. The caller is read on the handle
 * that the route's own unit of work then uses ({@link UnitOfWork#withHandleKept}); {@link #finish}
 * gives it back should the route not use it.
 */
public final class Authenticator {
  private static final String CALLER = "atrium.caller";

  private final AccessTokens accessTokens;
  private final SessionService sessions;
  private final UnitOfWork work;
  private final ApiKeyService apiKeys;
  private final Authorizer authorizer;

  @Inject
  public Authenticator(
      AccessTokens accessTokens,
      SessionService sessions,
      ApiKeyService apiKeys,
      UnitOfWork work,
      Authorizer authorizer) {
    this.accessTokens = accessTokens;
    this.sessions = sessions;
    this.apiKeys = apiKeys;
    this.work = work;
    this.authorizer = authorizer;
  }

  public void handle(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.isEmpty() || roles.contains(Access.PUBLIC)) {
      return;
    }
    if (roles.contains(Access.OPTIONAL_USER) && ctx.header("Authorization") == null) {
      return;
    }
    String token = bearer(ctx);
    if (ApiKeyFormat.hasApiKeyPrefix(token)) {
      ctx.attribute(CALLER, apiKeyCaller(roles, token));
      return;
    }
    Caller caller =
        accessTokens
            .verify(token)
            .flatMap(sessions::authenticate)
            .orElseThrow(
                () -> {
                  work.releaseKept();
                  return new UnauthorizedException(
                      "unauthorized", "The access token is invalid or expired.");
                });
    if (roles.contains(Access.PLATFORM_ADMIN)) {
      try {
        authorizer.requirePlatformAdmin(caller);
      } catch (ForbiddenException e) {
        work.releaseKept();
        throw e;
      }
    }
    ctx.attribute(CALLER, caller);
  }

  /**
   * An API key: refused on a route that does not take keys, and when malformed or mis-checksummed,
   * both before any database access; then one lookup.
   */
  private Caller apiKeyCaller(Set<RouteRole> roles, String token) {
    if (!roles.contains(Access.USER_OR_API_KEY)) {
      throw new ForbiddenException("api_key_not_allowed", "API keys cannot be used on this route.");
    }
    return ApiKeyFormat.parse(token)
        .flatMap(apiKeys::authenticate)
        .orElseThrow(
            () -> {
              work.releaseKept();
              return new UnauthorizedException(
                  "unauthorized", "The API key is invalid, revoked or expired.");
            });
  }

  /** Runs after every matched route, whatever its outcome: no connection outlives a request. */
  public void finish(Context ctx) {
    work.releaseKept();
  }

  /** The caller of an {@link Access#OPTIONAL_USER} route, if a token was sent. */
  public static java.util.Optional<Caller> optionalCaller(Context ctx) {
    return java.util.Optional.ofNullable(ctx.attribute(CALLER));
  }

  public static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new IllegalStateException(
          "route " + ctx.endpoint().path + " reads a caller but declares no Access");
    }
    return caller;
  }

  private static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new UnauthorizedException("unauthorized", "Send Authorization: Bearer <token>.");
    }
    String token = header.substring(7).trim();
    if (token.isEmpty() || token.length() > 4096) {
      throw new UnauthorizedException("unauthorized", "The bearer token is malformed.");
    }
    return token;
  }
}
