package io.atrium.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.api.http.ApiRoutes;
import io.atrium.api.http.Cors;
import io.atrium.api.http.ErrorHandlers;
import io.atrium.api.http.HttpMetrics;
import io.atrium.api.http.JettyProblemErrorHandler;
import io.atrium.api.http.RequestIds;
import io.atrium.common.config.HttpConfig;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import jakarta.inject.Inject;

/** Assembles Javalin from the route table, error handlers and cross-cutting filters. */
public final class ApiServer {
  /** Bodies over this answer 413. */
  public static final long MAX_REQUEST_BYTES = 1024 * 1024;

  private final HttpConfig config;
  private final ApiRoutes routes;
  private final HttpMetrics metrics;
  private final ObjectMapper mapper;
  private final Cors cors;
  private Javalin app;

  @Inject
  public ApiServer(
      HttpConfig config, ApiRoutes routes, HttpMetrics metrics, ObjectMapper mapper, Cors cors) {
    this.config = config;
    this.routes = routes;
    this.metrics = metrics;
    this.mapper = mapper;
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
                  server -> server.setErrorHandler(new JettyProblemErrorHandler(mapper)));
              javalin.requestLogger.http(metrics::record);
              javalin.routes.before(
                  ctx -> {
                    RequestIds.assign(ctx);
                    ctx.header("X-Content-Type-Options", "nosniff");
                    ctx.header("Referrer-Policy", "no-referrer");
                    ctx.header("X-Frame-Options", "DENY");
                    ctx.header("Cache-Control", "no-store");
                  });
              javalin.routes.before(cors::handle);
              ErrorHandlers.register(javalin.routes);
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

  public void stop() {
    if (app != null) {
      app.stop();
    }
  }
}
