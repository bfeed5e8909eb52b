package io.atrium.api.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One timer per route template, method and status, and one access-log line per request, naming the
 * route template ({@code /api/v1/invitations/{token}}), never the requested path.
 */
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
      // The route template, never the path: path parameters can be secrets (invitation tokens).
      accessLog.info("{} {} {} {}ms", method, route, status, Math.round(executionMillis));
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
   * The matched path template, so that ids do not explode the number of series and no path
   * parameter reaches the access log; an unmatched path is not written anywhere either.
   */
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
