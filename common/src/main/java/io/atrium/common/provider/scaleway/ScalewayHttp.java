package io.atrium.common.provider.scaleway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.config.ScalewayConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Scaleway call with its retries: {@code X-Auth-Token}, JSON both ways, the configured
 * time-outs, and the mapping of every failure to a {@link ScalewayException}.
 *
 * <p>Retried while the call's budget lasts: a 429 (the request was not processed) after its {@code
 * Retry-After}; a connection that could not be opened (nothing was sent); and, for idempotent calls
 * only (GET, PATCH, DELETE), a 5xx, a time-out or a connection lost. A POST that may have taken
 * effect is not repeated: its caller looks for what it created (by tag) first.
 */
final class ScalewayHttp {
  private static final Logger log = LoggerFactory.getLogger(ScalewayClient.class);

  /** A 2xx answer. */
  record Answer(int status, Map<String, List<String>> headers, JsonNode body) {
    OptionalLong totalCount() {
      List<String> values = headers.getOrDefault("x-total-count", List.of());
      if (values.isEmpty()) {
        return OptionalLong.empty();
      }
      try {
        return OptionalLong.of(Long.parseLong(values.get(0).trim()));
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
  }

  /** A call: method, path under the base URL, query parameters (repeated where a list). */
  record Call(String method, String path, Map<String, List<String>> query, Object body) {
    boolean idempotent() {
      return !method.equals("POST");
    }
  }

  private record Failure(ScalewayException exception, boolean retryable, Duration delay) {}

  private final ScalewayConfig config;
  private final ObjectMapper mapper;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final Clock clock;

  ScalewayHttp(ScalewayConfig config, ObjectMapper mapper, Sleeper sleeper, Clock clock) {
    this.config = config;
    this.mapper = mapper;
    this.sleeper = sleeper;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Answer send(ScalewayCredentials credentials, Call call) throws ScalewayException {
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      long started = System.nanoTime();
      Failure failure;
      try {
        HttpResponse<byte[]> response =
            http.send(request(credentials, call), HttpResponse.BodyHandlers.ofByteArray());
        log.debug(
            "scaleway {} {} -> {} in {} ms (attempt {})",
            call.method(),
            call.path(),
            response.statusCode(),
            (System.nanoTime() - started) / 1_000_000,
            attempt);
        if (response.statusCode() / 100 == 2) {
          return new Answer(response.statusCode(), response.headers().map(), body(call, response));
        }
        failure = classify(call, response, attempt);
      } catch (HttpConnectTimeoutException | ConnectException e) {
        failure =
            new Failure(
                new ScalewayException.ProviderUnavailable(
                    call.method(), call.path(), "could not connect to " + config.apiUrl(), e),
                true,
                backoff(attempt));
      } catch (HttpTimeoutException e) {
        failure =
            new Failure(
                new ScalewayException.ProviderUnavailable(
                    call.method(), call.path(), "no answer within " + config.requestTimeout(), e),
                call.idempotent(),
                backoff(attempt));
      } catch (IOException e) {
        failure =
            new Failure(
                new ScalewayException.ProviderUnavailable(
                    call.method(), call.path(), "the connection failed: " + e, e),
                call.idempotent(),
                backoff(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ScalewayException.ProviderUnavailable(
            call.method(), call.path(), "interrupted while waiting for the answer", e);
      }
      boolean withinBudget = waited.plus(failure.delay()).compareTo(config.retryBudget()) <= 0;
      if (!failure.retryable() || attempt >= config.maxAttempts() || !withinBudget) {
        throw failure.exception();
      }
      log.debug(
          "scaleway {} {}: {}; attempt {} in {}",
          call.method(),
          call.path(),
          failure.exception().getMessage(),
          attempt + 1,
          failure.delay());
      try {
        sleeper.sleep(failure.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure.exception();
      }
      waited = waited.plus(failure.delay());
    }
  }

  private HttpRequest request(ScalewayCredentials credentials, Call call) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri(call))
            .timeout(config.requestTimeout())
            .header("X-Auth-Token", credentials.secretKey())
            .header("Accept", "application/json")
            .header("User-Agent", "atrium");
    if (call.body() == null) {
      return builder.method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
    }
    try {
      return builder
          .header("Content-Type", "application/json")
          .method(
              call.method(),
              HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(call.body())))
          .build();
    } catch (IOException e) {
      throw new IllegalArgumentException("the request body does not serialize", e);
    }
  }

  private URI uri(Call call) {
    String query =
        call.query().entrySet().stream()
            .flatMap(
                entry ->
                    entry.getValue().stream()
                        .map(value -> encode(entry.getKey()) + "=" + encode(value)))
            .collect(Collectors.joining("&"));
    return URI.create(config.apiUrl() + call.path() + (query.isEmpty() ? "" : "?" + query));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private JsonNode body(Call call, HttpResponse<byte[]> response) throws ScalewayException {
    if (response.body().length == 0) {
      return mapper.nullNode();
    }
    try {
      return mapper.readTree(response.body());
    } catch (IOException e) {
      throw new ScalewayException.ProviderUnavailable(
          call.method(), call.path(), response.statusCode(), null, null, "the answer is not JSON");
    }
  }

  private Failure classify(Call call, HttpResponse<byte[]> response, int attempt) {
    int status = response.statusCode();
    JsonNode error = errorBody(response.body());
    String type = text(error, "type");
    String message = text(error, "message");
    Optional<Duration> retryAfter = retryAfter(response);
    return switch (status) {
      case 404 ->
          new Failure(
              new ScalewayException.NotFound(
                  call.method(),
                  call.path(),
                  type,
                  message,
                  text(error, "resource"),
                  text(error, "resource_id")),
              false,
              Duration.ZERO);
      case 401 ->
          new Failure(
              new ScalewayException.Unauthorized(call.method(), call.path(), type, message),
              false,
              Duration.ZERO);
      case 403 ->
          new Failure(
              new ScalewayException.Forbidden(call.method(), call.path(), type, message),
              false,
              Duration.ZERO);
      case 429 -> {
        Duration wait = retryAfter.orElseGet(() -> backoff(attempt));
        yield new Failure(
            new ScalewayException.RateLimited(
                call.method(), call.path(), type, message, wait, retryAfter.isPresent()),
            true,
            wait);
      }
      default -> {
        if (status >= 500) {
          Duration wait = backoff(attempt);
          if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            wait = retryAfter.get();
          }
          yield new Failure(
              new ScalewayException.ProviderUnavailable(
                  call.method(), call.path(), status, type, message, "the provider failed"),
              call.idempotent(),
              wait);
        }
        if (status >= 400) {
          yield new Failure(
              new ScalewayException.Rejected(call.method(), call.path(), status, type, message),
              false,
              Duration.ZERO);
        }
        yield new Failure(
            new ScalewayException.ProviderUnavailable(
                call.method(), call.path(), status, type, message, "an unexpected answer"),
            false,
            Duration.ZERO);
      }
    };
  }

  /** The JSON error body, or an empty object for an HTML page or nothing. */
  private JsonNode errorBody(byte[] body) {
    try {
      JsonNode node = body.length == 0 ? null : mapper.readTree(body);
      return node != null && node.isObject() ? node : mapper.createObjectNode();
    } catch (IOException e) {
      return mapper.createObjectNode();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** {@code Retry-After} in seconds or as an HTTP date; absent or unreadable: empty. */
  Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
    if (header.isEmpty() || header.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      double seconds = Double.parseDouble(header.get());
      if (seconds >= 0 && !Double.isInfinite(seconds) && !Double.isNaN(seconds)) {
        return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
      }
      return Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /** The first back-off, doubled per attempt (capped at the budget). */
  private Duration backoff(int attempt) {
    Duration wait = config.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(config.retryBudget()) > 0 ? config.retryBudget() : wait;
  }
}
