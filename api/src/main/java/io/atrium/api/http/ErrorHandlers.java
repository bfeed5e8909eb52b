package io.atrium.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.atrium.common.error.AtriumException;
import io.atrium.common.error.BadGatewayException;
import io.atrium.common.error.BadRequestException;
import io.atrium.common.error.ConflictException;
import io.atrium.common.error.FieldError;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.GoneException;
import io.atrium.common.error.InvalidException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.error.RateLimitedException;
import io.atrium.common.error.UnauthorizedException;
import io.atrium.common.error.UnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become RFC 9457 problems. */
public final class ErrorHandlers {
  private static final Logger log = LoggerFactory.getLogger(ErrorHandlers.class);

  private ErrorHandlers() {}

  public static void register(RoutesConfig routes) {
    routes.exception(
        AtriumException.class,
        (e, ctx) -> {
          if (e instanceof RateLimitedException limited) {
            ctx.header("Retry-After", Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
          }
          write(ctx, fromDomain(e));
        });
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          int status = e.getStatus();
          String detail =
              e.getMessage() == null || e.getMessage().isBlank()
                  ? Problem.title(status)
                  : e.getMessage();
          write(ctx, Problem.of(status, Problem.defaultCode(status), detail));
        });
    routes.exception(
        ValidationException.class,
        (e, ctx) -> {
          List<FieldError> errors =
              e.getErrors().entrySet().stream()
                  .flatMap(
                      entry ->
                          entry.getValue().stream()
                              .map(error -> new FieldError(entry.getKey(), error.getMessage())))
                  .collect(Collectors.toList());
          write(
              ctx,
              Problem.of(400, "bad_request", "Invalid query or path parameter.")
                  .withErrors(errors));
        });
    routes.exception(JsonProcessingException.class, (e, ctx) -> write(ctx, fromJackson(e)));
    routes.exception(Exception.class, ErrorHandlers::unexpected);
  }

  static Problem fromDomain(AtriumException e) {
    if (e instanceof InvalidException invalid) {
      return Problem.invalid(invalid.code(), invalid.getMessage(), invalid.errors());
    }
    if (e instanceof BadRequestException bad && !bad.errors().isEmpty()) {
      return Problem.of(400, bad.code(), bad.getMessage()).withErrors(bad.errors());
    }
    int status;
    if (e instanceof BadRequestException) {
      status = 400;
    } else if (e instanceof UnauthorizedException) {
      status = 401;
    } else if (e instanceof ForbiddenException) {
      status = 403;
    } else if (e instanceof NotFoundException) {
      status = 404;
    } else if (e instanceof ConflictException) {
      status = 409;
    } else if (e instanceof GoneException) {
      status = 410;
    } else if (e instanceof RateLimitedException) {
      status = 429;
    } else if (e instanceof UnavailableException) {
      status = 503;
    } else if (e instanceof BadGatewayException) {
      status = 502;
    } else {
      status = 400;
    }
    return Problem.of(status, e.code(), e.getMessage());
  }

  static Problem fromJackson(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping
        && (e instanceof MismatchedInputException
            || e instanceof InvalidFormatException
            || e instanceof ValueInstantiationException)
        && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      String message =
          e instanceof ValueInstantiationException && e.getCause() != null
              ? e.getCause().getMessage()
              : "has the wrong type or format";
      return Problem.invalid(
          "validation_failed",
          "The request has invalid fields.",
          List.of(new FieldError(field, message)));
    }
    return Problem.of(400, "bad_request", "The body is not valid JSON of the expected shape.");
  }

  private static void unexpected(Exception e, Context ctx) {
    if (isDatabaseUnavailable(e)) {
      log.warn("database unavailable: {}", e.toString());
      write(
          ctx,
          Problem.of(503, "unavailable", "The service is temporarily unavailable; retry shortly."));
      ctx.header("Retry-After", "5");
      return;
    }
    String correlationId = RequestIds.of(ctx);
    log.error("unexpected error (correlation id {})", correlationId, e);
    write(
        ctx,
        Problem.of(
            500,
            "internal_error",
            "An unexpected error occurred. Correlation id: " + correlationId));
  }

  static boolean isDatabaseUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof ConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exception; 53: insufficient resources; 57P: shutdown, cannot connect now
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
          return true;
        }
      }
      // HikariCP reports a connection that died under it without an SQLState.
      if (t instanceof SQLException sql
          && sql.getSQLState() == null
          && String.valueOf(sql.getMessage()).contains("Connection is closed")) {
        return true;
      }
    }
    return false;
  }

  public static void write(Context ctx, Problem problem) {
    ctx.status(problem.status());
    if (problem.status() == 429 && ctx.res().getHeader("Retry-After") == null) {
      ctx.header("Retry-After", "60");
    }
    ctx.json(problem);
    ctx.contentType(Problem.CONTENT_TYPE);
  }
}
