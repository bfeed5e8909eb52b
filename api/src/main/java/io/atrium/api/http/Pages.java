package io.atrium.api.http;

import io.atrium.common.error.BadRequestException;
import io.atrium.common.paging.PageRequest;
import io.javalin.http.Context;

/** {@code ?page=&page_size=}: page ≥ 1, page_size 1 to 200 (default 50); anything else is 400. */
public final class Pages {
  private Pages() {}

  public static PageRequest of(Context ctx) {
    int page = parse(ctx.queryParam("page"), 1, "page");
    int size = parse(ctx.queryParam("page_size"), PageRequest.DEFAULT_SIZE, "page_size");
    if (page < 1 || page > 1_000_000) {
      throw new BadRequestException("page must be between 1 and 1000000.");
    }
    if (size < 1 || size > PageRequest.MAX_SIZE) {
      throw new BadRequestException(
          "page_size must be between 1 and " + PageRequest.MAX_SIZE + ".");
    }
    return new PageRequest(page, size);
  }

  private static int parse(String raw, int fallback, String name) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + " must be a whole number.");
    }
  }

  /** The contract's page envelope. */
  public record Body<T>(java.util.List<T> items, int page, int pageSize, long total) {
    public static <T> Body<T> of(io.atrium.common.paging.Page<T> page) {
      return new Body<>(page.items(), page.page(), page.pageSize(), page.total());
    }
  }
}
