package io.atrium.api.http;

import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.config.HttpConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

/**
 * The client's address: the socket's peer, or behind Heroku's router (TRUST_PROXY=true) the last
 * entry of X-Forwarded-For, the one the router appended (earlier entries are the client's word).
 */
public final class ClientAddress {
  private final boolean trustProxy;

  @Inject
  public ClientAddress(HttpConfig config) {
    this.trustProxy = config.trustProxy();
  }

  public String of(Context ctx) {
    if (trustProxy) {
      String forwarded = ctx.header("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].trim();
        if (!last.isEmpty() && last.length() <= 45 && last.matches("[0-9A-Fa-f.:]+")) {
          return last;
        }
      }
    }
    return ctx.req().getRemoteAddr();
  }

  public RequestOrigin origin(Context ctx) {
    String userAgent = ctx.userAgent();
    return new RequestOrigin(
        of(ctx),
        userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512),
        RequestIds.of(ctx));
  }
}
