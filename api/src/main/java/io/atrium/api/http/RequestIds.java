package io.atrium.api.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * {@code X-Request-Id}: a valid incoming one is echoed, anything else is replaced. It is in the MDC
 * (so in every log line of the request) and is the correlation id of a 500.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "request_id";
  private static final String ATTRIBUTE = "atrium.request_id";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

  private RequestIds() {}

  public static void assign(Context ctx) {
    String incoming = ctx.header(HEADER);
    String id =
        incoming != null && VALID.matcher(incoming).matches()
            ? incoming
            : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }

  /** The request's id; assigned on the spot for a request that failed before the filter ran. */
  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    if (id == null) {
      assign(ctx);
      id = ctx.attribute(ATTRIBUTE);
    }
    return id;
  }
}
