package io.atrium.common.organization;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface OrganizationDao {
  String COLUMNS =
      "id, name, slug, subscription_plan, status, wallet_balance_eur, sidebar_color, created_at,"
          + " updated_at, deleted_at";

  /** One of a user's organizations, with the user's role in it. */
  record Membership(
      UUID id,
      String name,
      String slug,
      String role,
      String subscriptionPlan,
      String status,
      Instant createdAt) {}

  /** An organization with its number of members, read in one statement. */
  record Counted(
      UUID id,
      String name,
      String slug,
      String subscriptionPlan,
      String status,
      java.math.BigDecimal walletBalanceEur,
      String sidebarColor,
      Instant createdAt,
      Instant updatedAt,
      Instant deletedAt,
      int memberCount) {
    public Organization organization() {
      return new Organization(
          id,
          name,
          slug,
          subscriptionPlan,
          status,
          walletBalanceEur,
          sidebarColor,
          createdAt,
          updatedAt,
          deletedAt);
    }
  }

  /** Inserts unless the slug is taken; reports whether it inserted. */
  @SqlUpdate(
      """
      INSERT INTO organizations (id, name, slug, subscription_plan, status, wallet_balance_eur,
                                 sidebar_color, created_at, updated_at)
      VALUES (:id, :name, :slug, :subscriptionPlan, :status, :walletBalanceEur, :sidebarColor,
              :createdAt, :updatedAt)
      ON CONFLICT (slug) DO NOTHING
      """)
  boolean insert(@BindMethods Organization organization);

  @SqlQuery("SELECT " + COLUMNS + " FROM organizations WHERE id = :id AND deleted_at IS NULL")
  Optional<Organization> find(@Bind("id") UUID id);

  /** Serializes membership changes of one organization (the last-owner rule). */
  @SqlQuery(
      "SELECT " + COLUMNS + " FROM organizations WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
  Optional<Organization> lock(@Bind("id") UUID id);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM organizations WHERE slug = :slug)")
  boolean slugTaken(@Bind("slug") String slug);

  @SqlQuery(
      """
      SELECT o.id, o.name, o.slug, m.role, o.subscription_plan, o.status, o.created_at
        FROM memberships m JOIN organizations o ON o.id = m.organization_id
       WHERE m.user_id = :userId AND o.deleted_at IS NULL
       ORDER BY o.name, o.id
      """)
  List<Membership> listForUser(@Bind("userId") UUID userId);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + ", (SELECT count(*) FROM memberships m WHERE m.organization_id = o.id) AS member_count"
          + " FROM organizations o WHERE id = :id AND deleted_at IS NULL")
  Optional<Counted> findCounted(@Bind("id") UUID id);

  /** False when the new slug is taken by another organization. */
  @SqlUpdate(
      """
      UPDATE organizations SET name = :name, slug = :slug, sidebar_color = :sidebarColor,
                               updated_at = :at
       WHERE id = :id AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.slug = :slug AND o.id <> :id)
      """)
  boolean update(
      @Bind("id") UUID id,
      @Bind("name") String name,
      @Bind("slug") String slug,
      @Bind("sidebarColor") String sidebarColor,
      @Bind("at") Instant at);

  /** The platform admin's changes; a null argument leaves its field as it is. */
  @SqlUpdate(
      """
      UPDATE organizations SET name = coalesce(:name, name),
             subscription_plan = coalesce(:plan, subscription_plan),
             status = coalesce(:status, status),
             wallet_balance_eur = coalesce(:wallet, wallet_balance_eur),
             updated_at = :at
       WHERE id = :id
      """)
  void adminUpdate(
      @Bind("id") UUID id,
      @Bind("name") String name,
      @Bind("plan") String plan,
      @Bind("status") String status,
      @Bind("wallet") java.math.BigDecimal walletBalanceEur,
      @Bind("at") Instant at);

  @SqlUpdate(
      "UPDATE organizations SET deleted_at = :at, updated_at = :at WHERE id = :id AND deleted_at IS NULL")
  boolean softDelete(@Bind("id") UUID id, @Bind("at") Instant at);
}
