package io.atrium.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.api.http.ApiRoutes;
import io.atrium.api.http.ClientAddress;
import io.atrium.api.http.Cors;
import io.atrium.api.http.Drain;
import io.atrium.api.http.ErrorHandlers;
import io.atrium.api.http.HttpMetrics;
import io.atrium.api.http.InputGate;
import io.atrium.api.http.JettyProblemErrorHandler;
import io.atrium.api.http.MethodOverrideHeaders;
import io.atrium.api.http.RequestIds;
import io.atrium.common.config.HttpConfig;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** Assembles Javalin from the route table, error handlers and cross-cutting filters. */
public final class ApiServer {
  /** Bodies over this answer 413. */
  public static final long MAX_REQUEST_BYTES = 1024 * 1024;

  /** How long a stop waits for the requests in hand (the contract's 25 s). */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(25);

  private final HttpConfig config;
  private final ApiRoutes routes;
  private final HttpMetrics metrics;
  private final ObjectMapper mapper;
  private final Drain drain;

  /** Counts the requests in hand, for the drain. */
  private final GracefulHandler requests = new GracefulHandler();

  private final ClientAddress clients;
  private final Cors cors;
  private Javalin app;
  private Server jetty;

  @Inject
  public ApiServer(
      HttpConfig config,
      ApiRoutes routes,
      HttpMetrics metrics,
      ObjectMapper mapper,
      ClientAddress clients,
      Drain drain,
      Cors cors) {
    this.config = config;
    this.routes = routes;
    this.metrics = metrics;
    this.mapper = mapper;
    this.drain = drain;
    this.clients = clients;
    this.cors = cors;
  }

  public ApiServer start() {
    app =
        Javalin.create(
            javalin -> {
              javalin.jetty.port = config.port();
              javalin.http.maxRequestSize = MAX_REQUEST_BYTES;
              javalin.http.prefer405over404 = true;
              javalin.http.defaultContentType = "application/json";
              javalin.router.ignoreTrailingSlashes = true;
              javalin.jsonMapper(new JavalinJackson(mapper, false));
              javalin.jetty.modifyServer(
                  server -> {
                    server.setErrorHandler(new JettyProblemErrorHandler(mapper));
                    server.setHandler(requests);
                    jetty = server;
                  });
              javalin.jetty.modifyServletContextHandler(
                  handler ->
                      handler.addFilter(
                          new FilterHolder(new MethodOverrideHeaders()),
                          "/*",
                          EnumSet.of(DispatcherType.REQUEST)));
              javalin.requestLogger.http(metrics::record);
              javalin.routes.before(
                  ctx -> {
                    RequestIds.assign(ctx);
                    if (drain.draining()) {
                      ctx.header("Connection", "close");
                    }
                    ctx.header("X-Content-Type-Options", "nosniff");
                    ctx.header("Referrer-Policy", "no-referrer");
                    ctx.header("X-Frame-Options", "DENY");
                    ctx.header("Cache-Control", "no-store");
                    if (clients.overHttps(ctx)) {
                      ctx.header(
                          "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                    }
                  });
              javalin.routes.before(cors::handle);
              ErrorHandlers.register(javalin.routes);
              javalin.routes.beforeMatched(InputGate::checkQuery);
              routes.register(javalin.routes);
            });
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  /** "METHOD /path" of every HTTP endpoint, for checking the route table against the spec. */
  public java.util.List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  /** Each route ({@code "GET /path"}) with the {@link io.atrium.api.http.Access} it declares. */
  public java.util.Map<String, java.util.Set<String>> routeAccess() {
    java.util.Map<String, java.util.Set<String>> access = new java.util.TreeMap<>();
    app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .forEach(
            endpoint -> {
              io.javalin.security.Roles roles = endpoint.metadata(io.javalin.security.Roles.class);
              access.put(
                  endpoint.method.name() + " " + endpoint.path,
                  roles == null
                      ? java.util.Set.of()
                      : roles.getRoles().stream()
                          .map(Object::toString)
                          .collect(java.util.stream.Collectors.toSet()));
            });
    return access;
  }

  /**
   * Drains, then stops: /ready answers 503 and responses close their connections at once; the
   * listening socket closes (no new connection is accepted, open ones may still finish a request);
   * the requests in hand get up to {@link #STOP_TIMEOUT} to finish; then Jetty stops.
   */
  public void stop() {
    if (app == null) {
      return;
    }
    drain.begin();
    if (jetty != null) {
      for (Connector connector : jetty.getConnectors()) {
        if (connector instanceof NetworkConnector network) {
          network.close();
        }
      }
      long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
      while (requests.getCurrentRequestCount() > 0 && System.nanoTime() < deadline) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    app.stop();
  }
}
