package io.atrium.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An HTTP client for one simulated client: its own address (sent as X-Forwarded-For, which the test
 * app trusts) so that rate limits of one test do not leak into another.
 */
public final class Http {
  public static final ObjectMapper JSON = Json.newMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final TestApp app;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String token;

  Http(TestApp app) {
    this.app = app;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    headers.put(
        "X-Forwarded-For",
        "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255));
  }

  /** Sends this bearer token from now on (null: none). */
  public Http token(String value) {
    this.token = value;
    return this;
  }

  public Http header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public String address() {
    return headers.get("X-Forwarded-For");
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Response post(String path, Object body) {
    return send("POST", path, body, "application/json");
  }

  public Response put(String path, Object body) {
    return send("PUT", path, body, "application/json");
  }

  public Response patch(String path, Object body) {
    return send("PATCH", path, body, "application/json");
  }

  /** Sends {@code body} as it is: a String raw, anything else as JSON. */
  public Response send(String method, String path, Object body, String contentType) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30));
      headers.forEach(request::header);
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (contentType != null && body != null) {
        request.header("Content-Type", contentType);
      }
      byte[] bytes =
          body == null
              ? new byte[0]
              : body instanceof String text
                  ? text.getBytes()
                  : body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
      request.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(bytes));
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response with its body parsed when it is JSON. */
  public record Response(HttpResponse<String> raw) {
    public int status() {
      return raw.statusCode();
    }

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + raw.body(), e);
      }
    }

    /** The problem's code, after checking that this is an RFC 9457 problem document. */
    public String problemCode() {
      String type = header("Content-Type");
      if (type == null || !type.startsWith("application/problem+json")) {
        throw new AssertionError("not a problem (" + status() + ", " + type + "): " + body());
      }
      JsonNode json = json();
      for (String field : new String[] {"type", "title", "status", "detail", "code"}) {
        if (!json.hasNonNull(field)) {
          throw new AssertionError("problem without " + field + ": " + body());
        }
      }
      if (json.get("status").asInt() != status()) {
        throw new AssertionError("problem status differs from the HTTP status: " + body());
      }
      return json.get("code").asText();
    }

    @Override
    public String toString() {
      return status() + " " + body();
    }
  }
}
