package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.atrium.api.support.TestApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml and the server's route table describe the same routes, and errors are documented.
 */
class OpenApiAgreementIT {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @Test
  void everyServedRouteIsInTheSpecAndEveryRouteOfTheSpecIsServed() throws IOException {
    JsonNode spec =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "openapi.yaml").toFile());
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (METHODS.contains(method)) {
          documented.add(method.toUpperCase() + " " + path.getKey());
          JsonNode responses = path.getValue().get(method).get("responses");
          assertThat(responses).as(method + " " + path.getKey() + " has responses").isNotNull();
        }
      }
    }
    Set<String> served = new TreeSet<>();
    for (String route : TestApp.shared().routes()) {
      if (!route.startsWith("GET /docs/")) {
        served.add(route);
      }
    }
    assertThat(served).isEqualTo(documented);
  }

  /**
   * The spec lists the {@code apiKey} scheme exactly on the routes whose access in the route table
   * admits an API key, so that the generated SDKs and the docs say where a key works.
   */
  @Test
  void theSpecNamesApiKeysExactlyWhereTheRouteTableAcceptsThem() throws IOException {
    JsonNode spec =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "openapi.yaml").toFile());
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (METHODS.contains(method)
            && path.getValue().get(method).path("security").toString().contains("\"apiKey\"")) {
          documented.add(method.toUpperCase() + " " + path.getKey());
        }
      }
    }
    Set<String> served = new TreeSet<>();
    TestApp.shared()
        .routeAccess()
        .forEach(
            (route, access) -> {
              if (access.contains("USER_OR_API_KEY")) {
                served.add(route);
              }
            });
    assertThat(served).isEqualTo(documented);
  }

  @Test
  void everyAuthenticatedOperationDocumentsItsProblems() throws IOException {
    JsonNode spec =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "openapi.yaml").toFile());
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith("/api/v1/")) {
        continue;
      }
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (!METHODS.contains(method)) {
          continue;
        }
        JsonNode operation = path.getValue().get(method);
        boolean hasProblem = false;
        boolean hasSuccess = false;
        for (Iterator<String> codes = operation.get("responses").fieldNames(); codes.hasNext(); ) {
          String code = codes.next();
          hasProblem |= code.matches("[45]\\d\\d");
          hasSuccess |= code.matches("2\\d\\d");
        }
        assertThat(hasSuccess).as(method + " " + path.getKey() + " documents its answer").isTrue();
        assertThat(hasProblem)
            .as(method + " " + path.getKey() + " documents its problem responses")
            .isTrue();
        boolean isPublic =
            operation.has("security") && operation.get("security").toString().equals("[]");
        if (!isPublic) {
          assertThat(operation.get("responses").has("401"))
              .as(method + " " + path.getKey() + " documents 401")
              .isTrue();
        }
      }
    }
  }
}
