package io.atrium.api.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import io.atrium.api.system.DocsController;
import io.atrium.api.system.SystemController;
import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;

/** The whole API surface on one screen, in the order of openapi.yaml. */
public final class ApiRoutes {
  private final SystemController system;
  private final DocsController docs;

  @Inject
  public ApiRoutes(SystemController system, DocsController docs) {
    this.system = system;
    this.docs = docs;
  }

  public void register(RoutesConfig routes) {
    routes.apiBuilder(
        () -> {
          get("/health", system::health);
          get("/ready", system::ready);
          get("/metrics", system::metrics);
          get("/openapi.yaml", docs::spec);
          get("/docs", docs::page);
          get("/docs/{name}", docs::ownAsset);
          get("/docs/assets/{name}", docs::asset);

          path("/api/v1", () -> {});
        });
  }
}
