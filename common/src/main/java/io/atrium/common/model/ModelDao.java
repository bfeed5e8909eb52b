package io.atrium.common.model;

import io.atrium.common.db.TenantScope;
import io.atrium.common.paging.Counted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Models as one workspace sees them ({@link TenantScope}): the public ones plus those of its
 * organization (a personal workspace sees the public ones only). Deleted models are never visible.
 */
public interface ModelDao {
  String COLUMNS =
      "id, name, code, description, visibility, organization_id, created_by, tech_activated_by,"
          + " tech_activated_at, eco_activated_by, eco_activated_at, is_operational, created_at,"
          + " updated_at";

  String VISIBLE =
      " deleted_at IS NULL AND (organization_id IS NULL"
          + " OR organization_id = CAST(:scope.organizationId AS uuid))";

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + ", count(*) OVER () AS total FROM models WHERE"
          + VISIBLE
          + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
  List<Counted<Model>> list(
      @BindMethods("scope") TenantScope.Workspace scope,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM models WHERE" + VISIBLE)
  long count(@BindMethods("scope") TenantScope.Workspace scope);

  /** Locks the row: a change and the audit entry it writes see the same state. */
  @SqlQuery("SELECT " + COLUMNS + " FROM models WHERE id = :id AND" + VISIBLE + " FOR UPDATE")
  Optional<Model> lockVisible(
      @Bind("id") UUID id, @BindMethods("scope") TenantScope.Workspace scope);

  /** False when the code is taken among the live models of the same owner. */
  @SqlUpdate(
      """
      INSERT INTO models (id, visibility, organization_id, name, code, description, created_by,
                          created_at, updated_at)
      VALUES (:id, :visibility, :organizationId, :name, :code, :description, :createdBy,
              :createdAt, :updatedAt)
      ON CONFLICT DO NOTHING
      """)
  boolean insert(@BindMethods Model model);

  @SqlUpdate(
      """
      UPDATE models SET name = :name, code = :code, description = :description, updated_at = :now
       WHERE id = :id
      """)
  void update(
      @Bind("id") UUID id,
      @Bind("name") String name,
      @Bind("code") String code,
      @Bind("description") String description,
      @Bind("now") Instant now);

  @SqlUpdate("UPDATE models SET deleted_at = :now, updated_at = :now WHERE id = :id")
  void delete(@Bind("id") UUID id, @Bind("now") Instant now);

  /** Sets or (user null) withdraws the technical activation. */
  @SqlUpdate(
      """
      UPDATE models SET tech_activated_by = :user, tech_activated_at = :at, updated_at = :now
       WHERE id = :id
      """)
  void setTechnical(
      @Bind("id") UUID id,
      @Bind("user") UUID userId,
      @Bind("at") Instant at,
      @Bind("now") Instant now);

  @SqlUpdate(
      """
      UPDATE models SET eco_activated_by = :user, eco_activated_at = :at, updated_at = :now
       WHERE id = :id
      """)
  void setEconomic(
      @Bind("id") UUID id,
      @Bind("user") UUID userId,
      @Bind("at") Instant at,
      @Bind("now") Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM models WHERE id = :id")
  Model get(@Bind("id") UUID id);
}
