package io.atrium.common.admin;

import io.atrium.common.account.AccountRules;
import io.atrium.common.account.Caller;
import io.atrium.common.account.SessionDao;
import io.atrium.common.account.User;
import io.atrium.common.account.UserDao;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.InvalidException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.organization.InvitationService;
import io.atrium.common.organization.MembershipDao;
import io.atrium.common.organization.Organization;
import io.atrium.common.organization.OrganizationDao;
import io.atrium.common.organization.OrganizationService;
import io.atrium.common.organization.Role;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What the platform admin changes: organizations and users. Every change is audited. */
public final class AdminService {
  private static final Set<String> PLANS = Set.of("free", "subscriber");
  private static final Set<String> STATUSES = Set.of("active", "suspended");
  private static final BigDecimal WALLET_MAX = new BigDecimal("999999999999.99");

  private final UnitOfWork work;
  private final OrganizationService organizations;
  private final InvitationService invitations;
  private final AdminQueries queries;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public AdminService(
      UnitOfWork work,
      OrganizationService organizations,
      InvitationService invitations,
      AdminQueries queries,
      AuditLog audit,
      Clock clock) {
    this.work = work;
    this.organizations = organizations;
    this.invitations = invitations;
    this.queries = queries;
    this.audit = audit;
    this.clock = clock;
  }

  /** The changes an admin may make to an organization; null fields are left as they are. */
  public record OrganizationChanges(
      String name, String subscriptionPlan, String status, BigDecimal walletBalanceEur) {}

  /**
   * Creates an organization for {@code ownerEmail}: a member at once if the account exists, else
   * invited as owner.
   */
  public AdminQueries.AdminOrganization createOrganization(
      Caller admin,
      String rawName,
      String slug,
      String rawOwnerEmail,
      String rawPlan,
      RequestOrigin origin) {
    String ownerEmail = AccountRules.requireEmail("owner_email", rawOwnerEmail);
    String plan = rawPlan == null ? "free" : requireOne("subscription_plan", rawPlan, PLANS);
    if (rawName == null || rawName.isBlank()) {
      throw InvalidException.field("name", "is required");
    }
    UUID id =
        work.inTransaction(
            handle -> {
              Organization organization = organizations.insert(handle, rawName.strip(), slug, plan);
              Optional<User> owner = handle.attach(UserDao.class).findByEmail(ownerEmail);
              if (owner.isPresent()) {
                handle
                    .attach(MembershipDao.class)
                    .insert(
                        organization.id(), owner.get().id(), Role.OWNER.value(), clock.instant());
              } else {
                invitations.issue(
                    handle, organization, ownerEmail, Role.OWNER, admin.userId(), origin);
              }
              audit.record(
                  handle,
                  AuditEvent.of("admin.organization_created", admin.userId(), origin)
                      .organization(organization.id())
                      .target("organization", organization.id())
                      .details(
                          Map.of(
                              "name",
                              organization.name(),
                              "owner_email",
                              ownerEmail,
                              "owner_invited",
                              owner.isEmpty(),
                              "plan",
                              plan)));
              return organization.id();
            });
    return queries.organization(id).orElseThrow();
  }

  public AdminQueries.AdminOrganization updateOrganization(
      Caller admin, UUID id, OrganizationChanges changes, RequestOrigin origin) {
    String plan =
        changes.subscriptionPlan() == null
            ? null
            : requireOne("subscription_plan", changes.subscriptionPlan(), PLANS);
    String status =
        changes.status() == null ? null : requireOne("status", changes.status(), STATUSES);
    BigDecimal wallet = changes.walletBalanceEur();
    if (wallet != null && (wallet.scale() > 2 || wallet.abs().compareTo(WALLET_MAX) > 0)) {
      throw InvalidException.field(
          "wallet_balance_eur", "must be an amount in euros with at most 2 decimals");
    }
    if (wallet != null && wallet.signum() < 0) {
      throw InvalidException.field("wallet_balance_eur", "must not be negative");
    }
    String name = changes.name() == null ? null : changes.name().strip();
    if (name != null && (name.isEmpty() || name.length() > 100)) {
      throw InvalidException.field("name", "must be 1 to 100 characters");
    }
    work.useTransaction(
        handle -> {
          Organization before =
              handle
                  .attach(OrganizationDao.class)
                  .lock(id)
                  .orElseThrow(() -> new NotFoundException("No such organization."));
          handle
              .attach(OrganizationDao.class)
              .adminUpdate(id, name, plan, status, wallet, clock.instant());
          Map<String, Object> beforeValues = new LinkedHashMap<>();
          beforeValues.put("name", before.name());
          beforeValues.put("subscription_plan", before.subscriptionPlan());
          beforeValues.put("status", before.status());
          beforeValues.put("wallet_balance_eur", before.walletBalanceEur());
          Map<String, Object> afterValues = new LinkedHashMap<>();
          afterValues.put("name", name == null ? before.name() : name);
          afterValues.put("subscription_plan", plan == null ? before.subscriptionPlan() : plan);
          afterValues.put("status", status == null ? before.status() : status);
          afterValues.put(
              "wallet_balance_eur", wallet == null ? before.walletBalanceEur() : wallet);
          audit.record(
              handle,
              AuditEvent.of("admin.organization_updated", admin.userId(), origin)
                  .organization(id)
                  .target("organization", id)
                  .details(Map.of("before", beforeValues, "after", afterValues)));
        });
    return queries.organization(id).orElseThrow();
  }

  public void deleteOrganization(Caller admin, UUID id, RequestOrigin origin) {
    organizations.softDelete(id, admin.userId(), "admin.organization_deleted", origin);
  }

  /** Disabling revokes every session of the user at once; the admin cannot disable themself. */
  public AdminQueries.AdminUser setUserStatus(
      Caller admin, UUID userId, String rawStatus, RequestOrigin origin) {
    String status = requireOne("status", rawStatus, Set.of(User.ACTIVE, User.DISABLED));
    if (userId.equals(admin.userId()) && status.equals(User.DISABLED)) {
      throw new ForbiddenException("forbidden", "You cannot disable your own account.");
    }
    work.useTransaction(
        handle -> {
          User user =
              handle
                  .attach(UserDao.class)
                  .lock(userId)
                  .orElseThrow(() -> new NotFoundException("No such user."));
          Instant now = clock.instant();
          handle.attach(UserDao.class).updateStatus(userId, status, now);
          List<UUID> revoked =
              status.equals(User.DISABLED)
                  ? handle
                      .attach(SessionDao.class)
                      .revokeAllBut(userId, null, now, "account_disabled")
                  : List.of();
          audit.record(
              handle,
              AuditEvent.of(
                      "admin.user_" + (status.equals(User.DISABLED) ? "disabled" : "enabled"),
                      admin.userId(),
                      origin)
                  .target("user", userId)
                  .details(
                      Map.of(
                          "email",
                          user.email(),
                          "before",
                          user.status(),
                          "after",
                          status,
                          "sessions_revoked",
                          revoked.size())));
        });
    return queries.user(userId).orElseThrow();
  }

  private static String requireOne(String field, String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw InvalidException.field(
          field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
    }
    return value;
  }
}
