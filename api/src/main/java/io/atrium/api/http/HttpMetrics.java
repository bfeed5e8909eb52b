package io.atrium.api.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One timer per route template, method and status, and one access-log line per request. */
public final class HttpMetrics {
  private static final Logger accessLog = LoggerFactory.getLogger("atrium.access");
  public static final String ALL_REQUESTS = "http.server.requests.all";
  private final MeterRegistry registry;
  private final Timer allRequests;

  /**
   * The timers by method, route and status, looked up without Micrometer's builder: a builder and a
   * registry lookup per request showed in profiles of the busiest routes.
   */
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  @Inject
  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
    // One untagged timer for the process-wide percentiles of the admin console.
    this.allRequests =
        Timer.builder(ALL_REQUESTS).publishPercentiles(0.5, 0.95, 0.99).register(registry);
  }

  public void record(Context ctx, float executionMillis) {
    int status = ctx.statusCode();
    String route = routeTemplate(ctx);
    String method = ctx.method().name();
    long nanos = (long) (executionMillis * 1_000_000);
    timers
        .computeIfAbsent(method + ' ' + status + ' ' + route, key -> timer(method, route, status))
        .record(nanos, TimeUnit.NANOSECONDS);
    allRequests.record(nanos, TimeUnit.NANOSECONDS);
    if (accessLog.isInfoEnabled() && !route.equals("/health")) {
      accessLog.info(
          "{} {} {} {}ms", method, loggedPath(ctx.path()), status, Math.round(executionMillis));
    }
    MDC.remove(RequestIds.MDC_KEY);
  }

  private Timer timer(String method, String route, int status) {
    return Timer.builder("http.server.requests")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .tag("outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
        .publishPercentileHistogram()
        .register(registry);
  }

  /**
   * The path as the access log shows it: a segment that could be a token (an invitation link's, or
   * one a client put in the wrong place) is replaced, and anything outside printable ASCII is
   * escaped so that a path cannot forge log lines. UUIDs stay: they are ids, not secrets.
   */
  static String loggedPath(String path) {
    StringJoiner logged = new StringJoiner("/");
    for (String segment : path.split("/", -1)) {
      if (TOKEN_LIKE.matcher(segment).matches() && !UUID_LIKE.matcher(segment).matches()) {
        logged.add("[redacted]");
        continue;
      }
      StringBuilder shown = new StringBuilder(segment.length());
      segment
          .chars()
          .forEach(
              c -> {
                if (c > 0x20 && c < 0x7f) {
                  shown.append((char) c);
                } else {
                  shown.append(String.format("\\u%04x", c));
                }
              });
      logged.add(shown);
    }
    String result = logged.toString();
    return result.length() > 512 ? result.substring(0, 512) + "..." : result;
  }

  private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_%-]{20,}");
  private static final Pattern UUID_LIKE =
      Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

  /** The matched path template, so that ids do not explode the number of series. */
  private static String routeTemplate(Context ctx) {
    try {
      var endpoint = ctx.endpoints().matchedHttpEndpoint();
      if (endpoint != null) {
        return endpoint.path;
      }
    } catch (RuntimeException noEndpoint) {
      // no endpoint matched this request
    }
    return ctx.statusCode() == 404 ? "NOT_FOUND" : "UNMATCHED";
  }
}
