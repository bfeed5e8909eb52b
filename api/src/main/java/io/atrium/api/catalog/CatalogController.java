package io.atrium.api.catalog;

import io.atrium.api.http.Authenticator;
import io.atrium.api.http.Pages;
import io.atrium.common.error.BadRequestException;
import io.atrium.common.error.FieldError;
import io.atrium.common.provider.catalog.CatalogQueries;
import io.atrium.common.provider.catalog.InstanceType;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /catalog/instance-types} and the platform admin's {@code POST /admin/catalog/sync}.
 */
public final class CatalogController {
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  private final CatalogQueries catalog;

  @Inject
  public CatalogController(CatalogQueries catalog) {
    this.catalog = catalog;
  }

  record InstanceTypeResponse(
      String provider,
      String code,
      String name,
      String zone,
      BigDecimal hourlyPriceEur,
      int cpus,
      BigDecimal ramGb,
      int gpus,
      String gpuName,
      BigDecimal vramPerGpuGb,
      String availability,
      boolean isActive,
      Instant syncedAt) {
    static InstanceTypeResponse from(InstanceType type) {
      return new InstanceTypeResponse(
          type.provider(),
          type.code(),
          type.name(),
          type.zone(),
          type.hourlyPriceEur().stripTrailingZeros(),
          type.cpus(),
          gib(type.ramBytes()),
          type.gpus(),
          type.gpuName(),
          type.vramPerGpuBytes() == null ? null : gib(type.vramPerGpuBytes()),
          type.availability(),
          type.isActive(),
          type.syncedAt());
    }
  }

  public void instanceTypes(Context ctx) {
    var filter =
        new CatalogQueries.Filter(
            blankToNull(ctx.queryParam("provider")),
            blankToNull(ctx.queryParam("zone")),
            flag(ctx, "gpu"),
            Boolean.TRUE.equals(flag(ctx, "include_inactive")));
    var page = catalog.list(Authenticator.caller(ctx), filter, Pages.of(ctx));
    ctx.json(Pages.Body.of(page.map(InstanceTypeResponse::from)));
  }

  public void sync(Context ctx) {
    long job = catalog.requestSync(Authenticator.caller(ctx));
    ctx.status(202).json(Map.of("job_id", job));
  }

  /** Sizes in GiB, bytes / 2^30, to at most three decimals. */
  static BigDecimal gib(long bytes) {
    return BigDecimal.valueOf(bytes).divide(GIB, 3, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  /** Strictly {@code true} or {@code false}; absent is null. */
  private static Boolean flag(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    return switch (raw) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw new BadRequestException(
              "bad_request",
              "The query has invalid parameters.",
              List.of(new FieldError(name, "must be true or false")));
    };
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
