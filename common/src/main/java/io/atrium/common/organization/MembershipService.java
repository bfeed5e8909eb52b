package io.atrium.common.organization;

import io.atrium.common.account.Caller;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.ConflictException;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.InvalidException;
import io.atrium.common.error.NotFoundException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Role changes, removals and leaving. Each runs with the organization row locked and re-reads the
 * actor's role under that lock, so concurrent changes can never leave an organization without an
 * owner and a role just withdrawn cannot be used.
 */
public final class MembershipService {
  private final UnitOfWork work;
  private final AuditLog audit;
  private final Authorizer authorizer;

  @Inject
  public MembershipService(UnitOfWork work, AuditLog audit, Authorizer authorizer) {
    this.work = work;
    this.audit = audit;
    this.authorizer = authorizer;
  }

  public List<Member> list(Caller caller) {
    UUID organizationId = authorizer.requireInCurrent(caller, Permission.VIEW_MEMBERS);
    return work.withHandle(handle -> handle.attach(MembershipDao.class).list(organizationId));
  }

  public Member changeRole(Caller caller, UUID userId, String rawRole, RequestOrigin origin) {
    UUID organizationId = authorizer.requireOrganization(caller);
    Role to =
        Role.parse(rawRole)
            .orElseThrow(
                () -> InvalidException.field("role", "must be one of owner, admin, manager, user"));
    return work.inTransaction(
        handle -> {
          MembershipDao memberships = handle.attach(MembershipDao.class);
          Role actor = lockAndAuthorize(handle, organizationId, caller);
          Member target =
              memberships
                  .find(organizationId, userId)
                  .orElseThrow(() -> new NotFoundException("No such member."));
          Role from = Role.of(target.role());
          if (from == to) {
            return target;
          }
          if (!RolePolicy.mayChangeRole(actor, from, to)) {
            throw new ForbiddenException(
                "role_change_forbidden",
                "Your role may not change " + from.value() + " to " + to.value() + ".");
          }
          if (RolePolicy.removesLastOwner(from, () -> memberships.countOwners(organizationId))) {
            throw lastOwner();
          }
          memberships.updateRole(organizationId, userId, to.value());
          audit.record(
              handle,
              AuditEvent.of("member.role_changed", caller.userId(), origin)
                  .organization(organizationId)
                  .target("user", userId)
                  .details(Map.of("before", from.value(), "after", to.value())));
          return memberships.find(organizationId, userId).orElseThrow();
        });
  }

  /** Removing oneself is leaving. */
  public void remove(Caller caller, UUID userId, RequestOrigin origin) {
    UUID organizationId = authorizer.requireOrganization(caller);
    work.useTransaction(
        handle -> {
          MembershipDao memberships = handle.attach(MembershipDao.class);
          Role actor = lockAndAuthorize(handle, organizationId, caller);
          Member target =
              memberships
                  .find(organizationId, userId)
                  .orElseThrow(() -> new NotFoundException("No such member."));
          boolean self = userId.equals(caller.userId());
          if (!RolePolicy.mayRemove(actor, Role.of(target.role()), self)) {
            throw new ForbiddenException("forbidden", "Your role may not remove this member.");
          }
          drop(
              handle,
              organizationId,
              target,
              caller,
              self ? "member.left" : "member.removed",
              origin);
        });
  }

  public void leave(Caller caller, RequestOrigin origin) {
    remove(caller, caller.userId(), origin);
  }

  private void drop(
      Handle handle,
      UUID organizationId,
      Member target,
      Caller caller,
      String action,
      RequestOrigin origin) {
    MembershipDao memberships = handle.attach(MembershipDao.class);
    if (RolePolicy.removesLastOwner(
        Role.of(target.role()), () -> memberships.countOwners(organizationId))) {
      throw lastOwner();
    }
    memberships.delete(organizationId, target.userId());
    memberships.moveSessionsToPersonal(organizationId, target.userId());
    audit.record(
        handle,
        AuditEvent.of(action, caller.userId(), origin)
            .organization(organizationId)
            .target("user", target.userId())
            .details(Map.of("role", target.role(), "email", target.email())));
  }

  /**
   * Locks the organization, then reads the actor's role as it is now and has the authorizer decide
   * on that role (403 if no longer a member), not on the one read when the request began: a role
   * withdrawn by a concurrent change cannot be used.
   */
  private Role lockAndAuthorize(Handle handle, UUID organizationId, Caller caller) {
    handle
        .attach(OrganizationDao.class)
        .lock(organizationId)
        .orElseThrow(() -> new NotFoundException("No such organization."));
    Role underLock =
        handle
            .attach(MembershipDao.class)
            .find(organizationId, caller.userId())
            .map(member -> Role.of(member.role()))
            .orElse(null);
    return authorizer.require(caller, Permission.VIEW_MEMBERS, organizationId, underLock);
  }

  private static ConflictException lastOwner() {
    return new ConflictException(
        "last_owner", "An organization keeps at least one owner: make someone else owner first.");
  }
}
