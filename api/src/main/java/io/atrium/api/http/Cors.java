package io.atrium.api.http;

import io.atrium.common.config.HttpConfig;
import io.atrium.common.error.ForbiddenException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Browser access from other origins. An allowed origin (FRONTEND_URL, CORS_ORIGINS, and always the
 * API's own, where /docs runs) gets the CORS headers; any other origin gets none and otherwise the
 * very answer it would have had: the browser, not the server, withholds it from the page. A
 * preflight from an origin that is not allowed is refused with a problem.
 *
 * <p>Javalin's CORS plugin is not used: for a disallowed origin it sets status 400 and lets the
 * handler run, so the side effects happen and the client and the metrics see a 400.
 */
public final class Cors {
  static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
  static final String EXPOSED_HEADERS = RequestIds.HEADER + ", Retry-After";
  private static final Pattern HEADER_LIST =
      Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+(\\s*,\\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*");

  private final Set<String> allowedOrigins;
  private final boolean trustProxy;

  @Inject
  public Cors(HttpConfig config) {
    this.allowedOrigins = Set.copyOf(config.allowedOrigins());
    this.trustProxy = config.trustProxy();
  }

  /** A before-handler of every request. */
  public void handle(Context ctx) {
    // The answer depends on Origin, so caches must key on it, with or without one.
    ctx.header("Vary", "Origin");
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    boolean allowed = allowedOrigins.contains(origin) || origin.equals(ownOrigin(ctx));
    if (allowed) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Access-Control-Allow-Credentials", "true");
      ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
    boolean preflight =
        ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null;
    if (!preflight) {
      return;
    }
    if (!allowed) {
      throw new ForbiddenException(
          "origin_not_allowed", "This origin may not call the API from a browser.");
    }
    ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
    String requested = ctx.header("Access-Control-Request-Headers");
    if (requested != null && HEADER_LIST.matcher(requested.strip()).matches()) {
      ctx.header("Access-Control-Allow-Headers", requested.strip());
    }
    ctx.header("Access-Control-Max-Age", "600");
    ctx.status(204);
    ctx.skipRemainingHandlers();
  }

  /** scheme://host[:port] as the browser that sent the request sees this server. */
  private String ownOrigin(Context ctx) {
    String host = ctx.header("Host");
    if (host == null) {
      return null;
    }
    String scheme = ctx.scheme();
    String forwarded = trustProxy ? ctx.header("X-Forwarded-Proto") : null;
    if (forwarded != null && !forwarded.isBlank()) {
      scheme = forwarded.split(",")[0].strip();
    }
    return scheme + "://" + host;
  }
}
