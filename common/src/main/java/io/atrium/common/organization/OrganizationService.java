package io.atrium.common.organization;

import io.atrium.common.account.Caller;
import io.atrium.common.account.SessionTokens;
import io.atrium.common.account.User;
import io.atrium.common.account.UserDao;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.ConflictException;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.InvalidException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.input.InputLimits;
import io.atrium.common.input.TextKind;
import io.atrium.common.input.TextRules;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/** Organizations: creation, the workspace of a session, settings and deletion. */
public final class OrganizationService {
  private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");
  private static final int NAME_MAX = InputLimits.ORGANIZATION_NAME;

  private final UnitOfWork work;
  private final AuditLog audit;
  private final SessionTokens sessionTokens;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  public OrganizationService(
      UnitOfWork work,
      AuditLog audit,
      SessionTokens sessionTokens,
      Authorizer authorizer,
      Clock clock) {
    this.work = work;
    this.audit = audit;
    this.sessionTokens = sessionTokens;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /** An organization as its member sees it. */
  public record Details(Organization organization, String role, int memberCount) {}

  /** The answer to a workspace switch: a fresh access token for the session. */
  public record Switched(String accessToken, long expiresIn, Optional<Details> current) {
    @Override
    public String toString() {
      return "Switched[accessToken=<redacted>, expiresIn=" + expiresIn + "]";
    }
  }

  public Details create(Caller caller, String rawName, String rawSlug, RequestOrigin origin) {
    String name = name(rawName);
    return work.inTransaction(
        handle -> {
          Organization organization = insert(handle, name, rawSlug, "free");
          handle
              .attach(MembershipDao.class)
              .insert(
                  organization.id(), caller.userId(), Role.OWNER.value(), organization.createdAt());
          audit.record(
              handle,
              AuditEvent.of("organization.created", caller.userId(), origin)
                  .organization(organization.id())
                  .target("organization", organization.id())
                  .details(Map.of("name", name, "slug", organization.slug())));
          return new Details(organization, Role.OWNER.value(), 1);
        });
  }

  /** Inserts with the given slug (409 if taken) or one derived from the name (made unique). */
  public Organization insert(Handle handle, String name, String rawSlug, String plan) {
    Instant now = clock.instant();
    OrganizationDao organizations = handle.attach(OrganizationDao.class);
    if (rawSlug != null) {
      String slug = rawSlug.trim();
      if (!Slugs.valid(slug)) {
        throw InvalidException.field(
            "slug", "must be 3 to 63 characters of a-z, 0-9 and single hyphens, not at the ends");
      }
      requireNotReserved(slug);
      Organization organization = newOrganization(name, slug, plan, now);
      if (!organizations.insert(organization)) {
        throw new ConflictException("slug_taken", "This slug is taken.");
      }
      return organization;
    }
    String base = Slugs.derive(name);
    if (base.length() < Slugs.MIN) {
      base = (base.isEmpty() ? "org" : base + "-org");
    }
    for (int attempt = 1; ; attempt++) {
      String suffix =
          attempt == 1
              ? ""
              : "-" + (attempt <= 5 ? attempt : UUID.randomUUID().toString().substring(0, 6));
      String slug =
          base.substring(0, Math.min(base.length(), Slugs.MAX - suffix.length()))
                  .replaceAll("-+$", "")
              + suffix;
      if (Slugs.reserved(slug)) {
        continue;
      }
      Organization organization = newOrganization(name, slug, plan, now);
      if (organizations.insert(organization)) {
        return organization;
      }
    }
  }

  private static void requireNotReserved(String slug) {
    if (Slugs.reserved(slug)) {
      throw InvalidException.field("slug", "is reserved");
    }
  }

  private static Organization newOrganization(String name, String slug, String plan, Instant now) {
    return new Organization(
        UUID.randomUUID(),
        name,
        slug,
        plan,
        Organization.ACTIVE,
        BigDecimal.ZERO.setScale(2),
        null,
        now,
        now,
        null);
  }

  public List<OrganizationDao.Membership> listMine(Caller caller) {
    return work.withHandle(
        handle -> handle.attach(OrganizationDao.class).listForUser(caller.userId()));
  }

  public Details current(Caller caller) {
    UUID id = authorizer.requireInCurrent(caller, Permission.VIEW_ORGANIZATION);
    return work.withHandle(handle -> details(handle, id, caller.organizationRole()));
  }

  private static Details details(Handle handle, UUID id, String role) {
    OrganizationDao.Counted counted =
        handle
            .attach(OrganizationDao.class)
            .findCounted(id)
            .orElseThrow(() -> new NotFoundException("No such organization."));
    return new Details(counted.organization(), role, counted.memberCount());
  }

  /** PATCH semantics: a null argument leaves the field as it is; an empty color clears it. */
  public Details update(
      Caller caller,
      String rawName,
      String rawSlug,
      Optional<String> sidebarColor,
      RequestOrigin origin) {
    UUID id = authorizer.requireInCurrent(caller, Permission.UPDATE_ORGANIZATION);
    return work.inTransaction(
        handle -> {
          OrganizationDao organizations = handle.attach(OrganizationDao.class);
          Organization before =
              organizations
                  .lock(id)
                  .orElseThrow(() -> new NotFoundException("No such organization."));
          String name = rawName == null ? before.name() : name(rawName);
          String slug = rawSlug == null ? before.slug() : rawSlug.trim();
          if (!Slugs.valid(slug)) {
            throw InvalidException.field(
                "slug",
                "must be 3 to 63 characters of a-z, 0-9 and single hyphens, not at the ends");
          }
          if (!slug.equals(before.slug())) {
            requireNotReserved(slug);
          }
          String color =
              sidebarColor == null
                  ? before.sidebarColor()
                  : sidebarColor.map(OrganizationService::color).orElse(null);
          if (!organizations.update(id, name, slug, color, clock.instant())) {
            throw new ConflictException("slug_taken", "This slug is taken.");
          }
          Map<String, Object> changes = new HashMap<>();
          changes.put(
              "before",
              Map.of(
                  "name",
                  before.name(),
                  "slug",
                  before.slug(),
                  "sidebar_color",
                  String.valueOf(before.sidebarColor())));
          changes.put(
              "after", Map.of("name", name, "slug", slug, "sidebar_color", String.valueOf(color)));
          audit.record(
              handle,
              AuditEvent.of("organization.updated", caller.userId(), origin)
                  .organization(id)
                  .target("organization", id)
                  .details(changes));
          return details(handle, id, caller.organizationRole());
        });
  }

  /** Soft delete by an owner of the current organization. */
  public void delete(Caller caller, RequestOrigin origin) {
    UUID id = authorizer.requireInCurrent(caller, Permission.DELETE_ORGANIZATION);
    softDelete(id, caller.userId(), "organization.deleted", origin);
  }

  /**
   * Soft delete, by its owner or the platform admin: the members' sessions inside fall back to
   * personal and its pending invitations die, in the transaction that deletes it.
   */
  public void softDelete(UUID id, UUID actorId, String action, RequestOrigin origin) {
    work.useTransaction(
        handle -> {
          Instant now = clock.instant();
          OrganizationDao organizations = handle.attach(OrganizationDao.class);
          organizations.lock(id).orElseThrow(() -> new NotFoundException("No such organization."));
          organizations.softDelete(id, now);
          handle.attach(MembershipDao.class).moveAllSessionsToPersonal(id);
          handle.attach(InvitationDao.class).revokeAllPending(id, now);
          audit.record(
              handle,
              AuditEvent.of(action, actorId, origin).organization(id).target("organization", id));
        });
  }

  /** Changes this session's workspace only, and answers a fresh access token for it. */
  public Switched switchWorkspace(Caller caller, UUID organizationId) {
    return work.inTransaction(
        handle -> {
          User user = handle.attach(UserDao.class).find(caller.userId()).orElseThrow();
          MembershipDao memberships = handle.attach(MembershipDao.class);
          if (organizationId == null) {
            memberships.switchSession(caller.sessionId(), null);
            return new Switched(
                sessionTokens.accessToken(user, caller.sessionId(), null, null),
                sessionTokens.accessTokenTtlSeconds(),
                Optional.empty());
          }
          Organization organization =
              handle
                  .attach(OrganizationDao.class)
                  .find(organizationId)
                  .orElseThrow(() -> new NotFoundException("No such organization."));
          Member member =
              memberships
                  .find(organizationId, caller.userId())
                  .orElseThrow(() -> new NotFoundException("No such organization."));
          if (organization.suspended()) {
            throw new ForbiddenException(
                "organization_suspended", "This organization is suspended.");
          }
          memberships.switchSession(caller.sessionId(), organizationId);
          return new Switched(
              sessionTokens.accessToken(user, caller.sessionId(), organizationId, member.role()),
              sessionTokens.accessTokenTtlSeconds(),
              Optional.of(details(handle, organizationId, member.role())));
        });
  }

  private static String name(String raw) {
    if (raw == null || raw.isBlank()) {
      throw InvalidException.field("name", "is required");
    }
    String name = raw.strip();
    if (name.codePointCount(0, name.length()) > NAME_MAX) {
      throw InvalidException.field("name", "must be at most " + NAME_MAX + " characters");
    }
    TextRules.problem(name, TextKind.IDENTIFIER)
        .ifPresent(
            problem -> {
              throw InvalidException.field("name", problem);
            });
    return name;
  }

  private static String color(String raw) {
    if (raw.isEmpty()) {
      return null;
    }
    if (!COLOR.matcher(raw).matches()) {
      throw InvalidException.field("sidebar_color", "must be a color like #1a2b3c");
    }
    return raw.toLowerCase();
  }
}
