package io.atrium.api.system;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/**
 * {@code /openapi.yaml} (the spec from the project root, packaged into the jar) and {@code /docs}:
 * Swagger UI rendering it, with its assets served from the webjar on the classpath, no CDN.
 */
public final class DocsController {
  private static final String SPEC_RESOURCE = "public-spec/openapi.yaml";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui-dist/";
  private static final Set<String> ASSETS =
      Set.of(
          "swagger-ui.css",
          "swagger-ui-bundle.js",
          "swagger-ui-standalone-preset.js",
          "favicon-32x32.png",
          "favicon-16x16.png");

  private final byte[] spec;
  private final String webjarRoot;
  private final String page;

  public DocsController() {
    this.spec = readResource(SPEC_RESOURCE);
    this.webjarRoot = WEBJAR + webjarVersion() + "/";
    this.page = new String(readResource("docs/index.html"), StandardCharsets.UTF_8);
  }

  /** The root: a newcomer who opens the server's address lands on the reference. */
  public void home(Context ctx) {
    ctx.redirect("/docs", HttpStatus.FOUND);
  }

  public void spec(Context ctx) {
    ctx.contentType("application/yaml; charset=utf-8");
    ctx.result(spec);
  }

  public void page(Context ctx) {
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
    ctx.html(page);
  }

  /** docs.js and docs.css, ours: the page's script is a file so the CSP can forbid inline ones. */
  public void ownAsset(Context ctx) {
    String name = ctx.pathParam("name");
    if (!name.equals("docs.js") && !name.equals("docs.css")) {
      throw new NotFoundResponse("No such asset.");
    }
    ctx.contentType(name.endsWith(".css") ? "text/css" : "text/javascript");
    ctx.result(readResource("docs/" + name));
  }

  public void asset(Context ctx) {
    String name = ctx.pathParam("name");
    if (!ASSETS.contains(name)) {
      throw new NotFoundResponse("No such asset.");
    }
    ctx.header("Cache-Control", "public, max-age=86400");
    ctx.contentType(
        name.endsWith(".css")
            ? "text/css"
            : name.endsWith(".js") ? "text/javascript" : "image/png");
    ctx.result(readResource(webjarRoot + name));
  }

  private static String webjarVersion() {
    Properties properties = new Properties();
    try (InputStream in =
        DocsController.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars.npm/swagger-ui-dist/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui-dist webjar is not on the classpath");
      }
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readResource(String name) {
    try (InputStream in = DocsController.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
