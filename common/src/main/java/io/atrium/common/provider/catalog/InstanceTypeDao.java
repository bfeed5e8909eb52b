package io.atrium.common.provider.catalog;

import io.atrium.common.paging.Counted;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface InstanceTypeDao {
  String COLUMNS =
      "provider, zone, code, name, hourly_price_eur, cpus, ram_bytes, gpus, gpu_name,"
          + " vram_per_gpu_bytes, availability, is_active, first_seen_at, synced_at, deactivated_at";

  /**
   * Inserts or refreshes each type as a sync saw it; {@code first_seen_at} stays, and a type that
   * was inactive and is seen again becomes active.
   */
  @SqlBatch(
      """
      INSERT INTO instance_types (provider, zone, code, name, hourly_price_eur, cpus, ram_bytes, gpus,
                                  gpu_name, vram_per_gpu_bytes, availability, is_active,
                                  first_seen_at, synced_at, deactivated_at)
      VALUES (:provider, :zone, :code, :name, :hourlyPriceEur, :cpus, :ramBytes, :gpus, :gpuName,
              :vramPerGpuBytes, :availability, :isActive, :syncedAt, :syncedAt, :deactivatedAt)
      ON CONFLICT (provider, zone, code) DO UPDATE
         SET name = EXCLUDED.name,
             hourly_price_eur = EXCLUDED.hourly_price_eur,
             cpus = EXCLUDED.cpus,
             ram_bytes = EXCLUDED.ram_bytes,
             gpus = EXCLUDED.gpus,
             gpu_name = EXCLUDED.gpu_name,
             vram_per_gpu_bytes = EXCLUDED.vram_per_gpu_bytes,
             availability = EXCLUDED.availability,
             is_active = EXCLUDED.is_active,
             synced_at = EXCLUDED.synced_at,
             deactivated_at = CASE WHEN EXCLUDED.is_active THEN NULL
                                   ELSE coalesce(instance_types.deactivated_at, EXCLUDED.synced_at) END
      """)
  void upsert(@BindMethods List<InstanceType> types);

  /** Types of the zone the last listing no longer named: inactive, never deleted. */
  @SqlUpdate(
      """
      UPDATE instance_types SET is_active = false, deactivated_at = :at
       WHERE provider = :provider AND zone = :zone AND is_active AND NOT (code = ANY (:seen))
      """)
  int deactivateAllBut(
      @Bind("provider") String provider,
      @Bind("zone") String zone,
      @Bind("seen") String[] seenCodes,
      @Bind("at") Instant at);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM instance_types WHERE provider = :provider AND zone = :zone ORDER BY code")
  List<InstanceType> listZone(@Bind("provider") String provider, @Bind("zone") String zone);

  /**
   * {@code GET /catalog/instance-types}: a filter left null does not filter; {@code gpu} true keeps
   * the types with a GPU, false those without. Each row carries its list's total. The active list
   * (the default) names {@code is_active} literally, so that the partial index serves it.
   */
  String FILTER =
      """
         AND (CAST(:provider AS text) IS NULL OR provider = :provider)
         AND (CAST(:zone AS text) IS NULL OR zone = :zone)
         AND (CAST(:gpu AS boolean) IS NULL OR (gpus > 0) = :gpu)
      """;

  String PAGE = " ORDER BY provider, zone, code LIMIT :limit OFFSET :offset";

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + ", count(*) OVER () AS total FROM instance_types WHERE is_active"
          + FILTER
          + PAGE)
  List<Counted<InstanceType>> listActive(
      @Bind("provider") String provider,
      @Bind("zone") String zone,
      @Bind("gpu") Boolean gpu,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + ", count(*) OVER () AS total FROM instance_types WHERE true"
          + FILTER
          + PAGE)
  List<Counted<InstanceType>> listAll(
      @Bind("provider") String provider,
      @Bind("zone") String zone,
      @Bind("gpu") Boolean gpu,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM instance_types WHERE (is_active OR :includeInactive)" + FILTER)
  long count(
      @Bind("provider") String provider,
      @Bind("zone") String zone,
      @Bind("gpu") Boolean gpu,
      @Bind("includeInactive") boolean includeInactive);
}
