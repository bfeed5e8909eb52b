package io.atrium.api.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
    String id = incoming != null && VALID.matcher(incoming).matches() ? incoming : generate();
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
