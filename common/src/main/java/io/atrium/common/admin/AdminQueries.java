package io.atrium.common.admin;

import io.atrium.common.account.EmailAddresses;
import io.atrium.common.error.InvalidException;
import io.atrium.common.jobs.JobStats;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/** The platform admin's read side: counts, and organizations and users with filters. */
public final class AdminQueries {
  private static final Map<String, String> ORGANIZATION_SORTS =
      Map.of("name", "o.name", "created_at", "o.created_at", "member_count", "member_count");
  private static final Set<String> ORGANIZATION_STATUSES = Set.of("active", "suspended", "deleted");
  private static final Set<String> PLANS = Set.of("free", "subscriber");
  private static final Set<String> USER_ROLES =
      Set.of("owner", "admin", "manager", "user", "platform_admin");
  private static final Set<String> USER_STATUSES = Set.of("active", "disabled");

  private final Jdbi jdbi;
  private final JobStats jobStats;
  private final Clock clock;

  @Inject
  public AdminQueries(Jdbi jdbi, JobStats jobStats, Clock clock) {
    this.jdbi = jdbi;
    this.jobStats = jobStats;
    this.clock = clock;
  }

  public record AdminOrganization(
      UUID id,
      String name,
      String slug,
      String subscriptionPlan,
      String status,
      BigDecimal walletBalanceEur,
      String sidebarColor,
      int memberCount,
      Instant createdAt,
      Instant updatedAt,
      Instant deletedAt) {}

  public record AdminUser(
      UUID id,
      String email,
      String displayName,
      boolean emailVerified,
      String platformRole,
      String status,
      int organizationCount,
      Instant createdAt) {}

  public record OrganizationFilter(String plan, String status, String query, String sort) {}

  public record UserFilter(UUID organizationId, String role, String status, String query) {}

  public Map<String, Object> overview() {
    Instant now = clock.instant();
    return jdbi.withHandle(
        handle -> {
          Map<String, Object> organizations = new LinkedHashMap<>();
          organizations.put(
              "total",
              count(handle, "SELECT count(*) FROM organizations WHERE deleted_at IS NULL", now));
          organizations.put(
              "active",
              count(
                  handle,
                  "SELECT count(*) FROM organizations WHERE deleted_at IS NULL AND status = 'active'",
                  now));
          organizations.put(
              "suspended",
              count(
                  handle,
                  "SELECT count(*) FROM organizations WHERE deleted_at IS NULL AND status = 'suspended'",
                  now));
          Map<String, Object> users = new LinkedHashMap<>();
          users.put("total", count(handle, "SELECT count(*) FROM users", now));
          users.put(
              "verified",
              count(handle, "SELECT count(*) FROM users WHERE email_verified_at IS NOT NULL", now));
          Map<String, Object> overview = new LinkedHashMap<>();
          overview.put("organizations", organizations);
          overview.put("users", users);
          overview.put(
              "active_sessions",
              count(
                  handle,
                  "SELECT count(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > :now",
                  now));
          overview.put(
              "pending_invitations",
              count(
                  handle,
                  "SELECT count(*) FROM invitations WHERE status = 'pending' AND expires_at > :now",
                  now));
          overview.put("jobs", jobStats.countsByState());
          overview.put(
              "emails_sent_24h",
              count(
                  handle,
                  "SELECT count(*) FROM mail_deliveries WHERE status = 'sent' AND sent_at > CAST(:now AS timestamptz) - interval '24 hours'",
                  now));
          return overview;
        });
  }

  private static long count(Handle handle, String sql, Instant now) {
    Query query = handle.createQuery(sql);
    if (sql.contains(":now")) {
      query.bind("now", now);
    }
    return query.mapTo(Long.class).one();
  }

  public Page<AdminOrganization> organizations(OrganizationFilter filter, PageRequest page) {
    List<String> where = new ArrayList<>();
    Map<String, Object> binds = new LinkedHashMap<>();
    if (filter.plan() != null) {
      require("plan", filter.plan(), PLANS);
      where.add("o.subscription_plan = :plan");
      binds.put("plan", filter.plan());
    }
    if (filter.status() != null) {
      require("status", filter.status(), ORGANIZATION_STATUSES);
      if (filter.status().equals("deleted")) {
        where.add("o.deleted_at IS NOT NULL");
      } else {
        where.add("o.deleted_at IS NULL AND o.status = :status");
        binds.put("status", filter.status());
      }
    } else {
      where.add("o.deleted_at IS NULL");
    }
    if (filter.query() != null && !filter.query().isBlank()) {
      where.add("(o.name ILIKE :q ESCAPE '!' OR o.slug ILIKE :q ESCAPE '!')");
      binds.put("q", like(filter.query()));
    }
    String sort = filter.sort() == null ? "name" : filter.sort();
    boolean descending = sort.startsWith("-");
    String column = ORGANIZATION_SORTS.get(descending ? sort.substring(1) : sort);
    if (column == null) {
      throw InvalidException.field(
          "sort", "must be name, created_at or member_count, with - for descending");
    }
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    String sql =
        "SELECT o.id, o.name, o.slug, o.subscription_plan, o.status, o.wallet_balance_eur, o.sidebar_color,"
            + " (SELECT count(*) FROM memberships m WHERE m.organization_id = o.id) AS member_count,"
            + " o.created_at, o.updated_at, o.deleted_at FROM organizations o"
            + condition
            + " ORDER BY "
            + column
            + (descending ? " DESC" : " ASC")
            + ", o.id LIMIT :limit OFFSET :offset";
    return jdbi.withHandle(
        handle -> {
          Query items =
              handle
                  .createQuery(sql)
                  .bindMap(binds)
                  .bind("limit", page.pageSize())
                  .bind("offset", page.offset());
          List<AdminOrganization> list =
              items.map(ConstructorMapper.of(AdminOrganization.class)).list();
          long total =
              handle
                  .createQuery("SELECT count(*) FROM organizations o" + condition)
                  .bindMap(binds)
                  .mapTo(Long.class)
                  .one();
          return Page.of(list, page, total);
        });
  }

  public java.util.Optional<AdminOrganization> organization(UUID id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT o.id, o.name, o.slug, o.subscription_plan, o.status, o.wallet_balance_eur, o.sidebar_color,"
                        + " (SELECT count(*) FROM memberships m WHERE m.organization_id = o.id) AS member_count,"
                        + " o.created_at, o.updated_at, o.deleted_at FROM organizations o WHERE o.id = :id")
                .bind("id", id)
                .map(ConstructorMapper.of(AdminOrganization.class))
                .findOne());
  }

  public java.util.Optional<AdminUser> user(UUID id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(USER_SELECT + " WHERE u.id = :id")
                .bind("id", id)
                .map(ConstructorMapper.of(AdminUser.class))
                .findOne());
  }

  private static final String USER_SELECT =
      "SELECT u.id, u.email, u.display_name, u.email_verified_at IS NOT NULL AS email_verified, u.platform_role, u.status,"
          + " (SELECT count(*) FROM memberships m JOIN organizations o ON o.id = m.organization_id"
          + "   WHERE m.user_id = u.id AND o.deleted_at IS NULL) AS organization_count, u.created_at"
          + " FROM users u";

  public Page<AdminUser> users(UserFilter filter, PageRequest page) {
    List<String> where = new ArrayList<>();
    Map<String, Object> binds = new LinkedHashMap<>();
    if (filter.organizationId() != null) {
      where.add(
          "EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organization_id = :organizationId"
              + (filter.role() != null && !filter.role().equals("platform_admin")
                  ? " AND m.role = :role"
                  : "")
              + ")");
      binds.put("organizationId", filter.organizationId());
    }
    if (filter.role() != null) {
      require("role", filter.role(), USER_ROLES);
      if (filter.role().equals("platform_admin")) {
        where.add("u.platform_role = 'platform_admin'");
      } else {
        if (filter.organizationId() == null) {
          where.add(
              "EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = :role)");
        }
        binds.put("role", filter.role());
      }
    }
    if (filter.status() != null) {
      require("status", filter.status(), USER_STATUSES);
      where.add("u.status = :status");
      binds.put("status", filter.status());
    }
    if (filter.query() != null && !filter.query().isBlank()) {
      where.add("(u.email ILIKE :q ESCAPE '!' OR u.display_name ILIKE :q ESCAPE '!')");
      binds.put("q", like(EmailAddresses.searchForm(filter.query())));
    }
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    String sql =
        USER_SELECT + condition + " ORDER BY u.created_at DESC, u.id LIMIT :limit OFFSET :offset";
    return jdbi.withHandle(
        handle -> {
          List<AdminUser> list =
              handle
                  .createQuery(sql)
                  .bindMap(binds)
                  .bind("limit", page.pageSize())
                  .bind("offset", page.offset())
                  .map(ConstructorMapper.of(AdminUser.class))
                  .list();
          long total =
              handle
                  .createQuery("SELECT count(*) FROM users u" + condition)
                  .bindMap(binds)
                  .mapTo(Long.class)
                  .one();
          return Page.of(list, page, total);
        });
  }

  private static void require(String field, String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw InvalidException.field(
          field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
    }
  }

  private static String like(String query) {
    // '!' escapes: Jdbi's statement lexer reads a backslash before a quote as an escaped quote.
    return "%" + query.trim().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }
}
