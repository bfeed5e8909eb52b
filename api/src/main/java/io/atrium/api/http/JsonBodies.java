package io.atrium.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.error.BadRequestException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.inject.Inject;
import java.io.IOException;

/**
 * Reads request bodies with Atrium's mapper. Never {@code ctx.bodyAsClass}: parse and mapping
 * errors must become 400/422 problems, which {@link ErrorHandlers} does for the Jackson exceptions
 * thrown here. A body is parsed to a tree first (the mapper refuses duplicate keys and trailing
 * tokens, see {@code Json}), and passes the {@link InputGate} before it is bound.
 */
public final class JsonBodies {
  private final ObjectMapper mapper;

  @Inject
  public JsonBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public <T> T read(Context ctx, Class<T> type) throws IOException {
    requireJson(ctx);
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw new BadRequestException("A JSON body is required.");
    }
    JsonNode tree = mapper.readTree(body);
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      throw new BadRequestException("A JSON object is required, not null.");
    }
    InputGate.checkBody(tree);
    if (type == JsonNode.class) {
      return type.cast(tree);
    }
    T value = mapper.readerFor(type).readValue(tree);
    if (value == null) {
      throw new BadRequestException("A JSON object is required, not null.");
    }
    return value;
  }

  /** For routes whose body is optional: an empty body reads as {@code empty}. */
  public <T> T readOptional(Context ctx, Class<T> type, T empty) throws IOException {
    if (ctx.bodyAsBytes().length == 0) {
      return empty;
    }
    return read(ctx, type);
  }

  private static void requireJson(Context ctx) {
    String contentType = ctx.contentType();
    if (contentType == null) {
      return; // curl -d without a header: be lenient, the body still has to parse as JSON
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase();
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      throw new HttpResponseException(415, "Send the body as application/json.");
    }
  }
}
