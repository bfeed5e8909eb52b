package io.atrium.api.http;

import com.google.common.net.InetAddresses;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.config.HttpConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.List;

/**
 * What the proxy in front says about a request. The client's address: the socket's peer, or behind
 * Heroku's router (TRUST_PROXY=true) the last entry of X-Forwarded-For, the one the router appended
 * (earlier entries, and earlier header lines, are the client's word). The last entry must be an IP
 * address literal, parsed without any name lookup, and is stored in its canonical form; anything
 * else falls back to the socket's peer.
 */
public final class ClientAddress {
  private final boolean trustProxy;

  @Inject
  public ClientAddress(HttpConfig config) {
    this.trustProxy = config.trustProxy();
  }

  public String of(Context ctx) {
    if (trustProxy) {
      String last = lastEntry(ctx, "X-Forwarded-For");
      // No scope ids ("fe80::1%eth0"): a zone names an interface of the proxy, not a client.
      if (last != null
          && last.length() <= 45
          && last.indexOf('%') < 0
          && InetAddresses.isInetAddress(last)) {
        return InetAddresses.toAddrString(InetAddresses.forString(last));
      }
    }
    return ctx.req().getRemoteAddr();
  }

  /** Whether the client's request came over HTTPS: to this server, or to the trusted proxy. */
  public boolean overHttps(Context ctx) {
    if (ctx.req().isSecure()) {
      return true;
    }
    return trustProxy && "https".equalsIgnoreCase(lastEntry(ctx, "X-Forwarded-Proto"));
  }

  public RequestOrigin origin(Context ctx) {
    String userAgent = ctx.userAgent();
    return new RequestOrigin(
        of(ctx),
        userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512),
        RequestIds.of(ctx));
  }

  /** The last comma-separated entry of all the header's lines joined, trimmed; null if none. */
  static String lastEntry(Context ctx, String header) {
    List<String> lines = Collections.list(ctx.req().getHeaders(header));
    if (lines.isEmpty()) {
      return null;
    }
    String[] entries = String.join(",", lines).split(",", -1);
    String last = entries[entries.length - 1].trim();
    return last.isEmpty() ? null : last;
  }
}
