package io.atrium.api.http;

import io.atrium.common.logging.LogContext;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * {@code X-Request-Id}: a valid incoming one is echoed, anything else is replaced. It is in the MDC
 * (so in every log line of the request, and stored with the jobs the request enqueues) and is the
 * correlation id of a 500.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = LogContext.REQUEST_ID;
  private static final String ATTRIBUTE = "atrium.request_id";

  private RequestIds() {}

  public static void assign(Context ctx) {
    String incoming = ctx.header(HEADER);
    String id = LogContext.validRequestId(incoming) ? incoming : generate();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }

  /**
   * A random version-4 UUID from the thread's own generator: a request id needs uniqueness, not
   * secrecy, and {@link UUID#randomUUID} serialises every request on one SecureRandom.
   */
  static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
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
