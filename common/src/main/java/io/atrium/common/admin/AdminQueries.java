package io.atrium.common.admin;

import io.atrium.common.account.EmailAddresses;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.InvalidException;
import io.atrium.common.jobs.JobStats;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The platform admin's read side: counts, and organizations and users with filters. */
public final class AdminQueries {
  private static final Map<String, String> ORGANIZATION_SORTS =
      Map.of("name", "o.name", "created_at", "o.created_at", "member_count", "member_count");
  private static final Set<String> ORGANIZATION_STATUSES = Set.of("active", "suspended", "deleted");
  private static final Set<String> PLANS = Set.of("free", "subscriber");
  private static final Set<String> USER_ROLES =
      Set.of("owner", "admin", "manager", "user", "platform_admin");
  private static final Set<String> USER_STATUSES = Set.of("active", "disabled");

  private final UnitOfWork work;
  private final JobStats jobStats;
  private final Clock clock;

  @Inject
  public AdminQueries(UnitOfWork work, JobStats jobStats, Clock clock) {
    this.work = work;
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
    AdminDao.Overview counts =
        work.withHandle(handle -> handle.attach(AdminDao.class).overview(clock.instant()));
    Map<String, Object> organizations = new LinkedHashMap<>();
    organizations.put("total", counts.organizationsTotal());
    organizations.put("active", counts.organizationsActive());
    organizations.put("suspended", counts.organizationsSuspended());
    Map<String, Object> users = new LinkedHashMap<>();
    users.put("total", counts.usersTotal());
    users.put("verified", counts.usersVerified());
    Map<String, Object> overview = new LinkedHashMap<>();
    overview.put("organizations", organizations);
    overview.put("users", users);
    overview.put("active_sessions", counts.activeSessions());
    overview.put("pending_invitations", counts.pendingInvitations());
    overview.put("jobs", jobStats.countsByState());
    overview.put("emails_sent_24h", counts.emailsSent24h());
    return overview;
  }

  public Page<AdminOrganization> organizations(OrganizationFilter filter, PageRequest page) {
    if (filter.plan() != null) {
      require("plan", filter.plan(), PLANS);
    }
    if (filter.status() != null) {
      require("status", filter.status(), ORGANIZATION_STATUSES);
    }
    String like = filter.query() == null || filter.query().isBlank() ? null : like(filter.query());
    String sort = filter.sort() == null ? "name" : filter.sort();
    boolean descending = sort.startsWith("-");
    String column = ORGANIZATION_SORTS.get(descending ? sort.substring(1) : sort);
    if (column == null) {
      throw InvalidException.field(
          "sort", "must be name, created_at or member_count, with - for descending");
    }
    String order = column + (descending ? " DESC" : " ASC");
    return work.withHandle(
        handle -> {
          AdminDao admin = handle.attach(AdminDao.class);
          return Page.of(
              admin.organizations(
                  filter.plan(), filter.status(), like, order, page.pageSize(), page.offset()),
              page,
              admin.countOrganizations(filter.plan(), filter.status(), like));
        });
  }

  public java.util.Optional<AdminOrganization> organization(UUID id) {
    return work.withHandle(handle -> handle.attach(AdminDao.class).organization(id));
  }

  public java.util.Optional<AdminUser> user(UUID id) {
    return work.withHandle(handle -> handle.attach(AdminDao.class).user(id));
  }

  public Page<AdminUser> users(UserFilter filter, PageRequest page) {
    if (filter.role() != null) {
      require("role", filter.role(), USER_ROLES);
    }
    if (filter.status() != null) {
      require("status", filter.status(), USER_STATUSES);
    }
    boolean platformAdmin = "platform_admin".equals(filter.role());
    String memberRole = platformAdmin ? null : filter.role();
    String like =
        filter.query() == null || filter.query().isBlank()
            ? null
            : like(EmailAddresses.searchForm(filter.query()));
    return work.withHandle(
        handle -> {
          AdminDao admin = handle.attach(AdminDao.class);
          return Page.of(
              admin.users(
                  filter.organizationId(),
                  memberRole,
                  platformAdmin,
                  filter.status(),
                  like,
                  page.pageSize(),
                  page.offset()),
              page,
              admin.countUsers(
                  filter.organizationId(), memberRole, platformAdmin, filter.status(), like));
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
